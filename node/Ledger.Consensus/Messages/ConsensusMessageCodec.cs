using Ledger.Core.Chain;
using Ledger.Core.Encoding;

namespace Ledger.Consensus.Messages;

/// <summary>
/// Wire form of consensus messages: <c>rlp([type, height, round, [fields], signature, [attachments]])</c>.
/// Attachments: PROPOSAL <c>[block, [roundChange…], [prepare…]]</c>; ROUND-CHANGE <c>[]</c> or
/// <c>[block, [prepare…]]</c>; others <c>[]</c>. Blocks are <see cref="BlockCodec"/> bytes wrapped as an RLP string.
/// </summary>
public static partial class ConsensusMessageCodec
{
    /// <summary>More justification entries than this cannot come from any sane validator set.</summary>
    public const int MaxJustificationEntries = 1024;

    /// <summary>
    /// Upper bound of one nested PREPARE or stripped ROUND-CHANGE: <c>[type, height ≤ 9, round ≤ 5, fields ≤ 40,
    /// signature 67, []]</c> is at most 125 bytes with its list header.
    /// </summary>
    public const int MaxNestedMessageBytes = 128;

    /// <summary>A message's own fields and list headers around its attachments: at most 141 bytes.</summary>
    public const int MaxMessageOverheadBytes = 256;

    /// <summary>
    /// The most bytes any consensus message can take when the block it carries encodes to at most
    /// <paramref name="blockBytes"/> (a PROPOSAL is the largest: its block, a ROUND-CHANGE justification and a PREPARE
    /// certificate of up to <see cref="MaxJustificationEntries"/> entries each). With the default 8 MiB block limit
    /// that is 8 MiB + 262,400 bytes; with the 32 MiB ceiling still under half of a 64 MiB peer message.
    /// </summary>
    public static long MaxEncodedBytes(long blockBytes) =>
        blockBytes + MaxMessageOverheadBytes + (2L * MaxJustificationEntries * MaxNestedMessageBytes);

    public static byte[] Encode(SignedConsensusMessage message)
    {
        var writer = new RlpWriter(message is ProposalMessage or RoundChangeMessage ? 2048 : 192);
        Write(writer, message);
        return writer.ToArray();
    }

    internal static void Write(RlpWriter writer, SignedConsensusMessage message)
    {
        writer.StartList();
        ConsensusMessageSigning.WriteSignedFields(writer, message);
        writer.WriteBytes(message.Signature).StartList();
        switch (message)
        {
            case ProposalMessage proposal:
                writer.WriteBytes(BlockCodec.Encode(proposal.Block)).StartList();
                foreach (var roundChange in proposal.RoundChangeJustification)
                {
                    Write(writer, roundChange.WithoutAttachments());
                }

                writer.EndList();
                WritePrepares(writer, proposal.PreparedCertificate);
                break;
            case RoundChangeMessage { PreparedBlock: { } block } roundChange:
                writer.WriteBytes(BlockCodec.Encode(block));
                WritePrepares(writer, roundChange.PreparedCertificate);
                break;
            default:
                break;
        }

        writer.EndList().EndList();
    }

    private static void WritePrepares(RlpWriter writer, IReadOnlyList<PrepareMessage> prepares)
    {
        writer.StartList();
        foreach (var prepare in prepares)
        {
            Write(writer, prepare);
        }

        writer.EndList();
    }
}
