using Ledger.Core.Chain;
using Ledger.Core.Encoding;

namespace Ledger.Consensus.Messages;

public static partial class ConsensusMessageCodec
{
    /// <summary>Throws <see cref="ConsensusMessageFormatException"/> naming what is wrong; never anything else for bad bytes.</summary>
    public static SignedConsensusMessage Decode(ReadOnlySpan<byte> encoded)
    {
        try
        {
            var reader = new RlpReader(encoded);
            var message = Read(ref reader, allowAttachments: true);
            reader.EnsureFinished("the consensus message");
            return message;
        }
        catch (ConsensusMessageFormatException)
        {
            throw;
        }
        catch (FormatException ex)
        {
            throw new ConsensusMessageFormatException($"malformed consensus message: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException or InvalidOperationException)
        {
            throw new ConsensusMessageFormatException($"malformed consensus message: {ex.Message}", ex);
        }
    }

    private static SignedConsensusMessage Read(ref RlpReader outer, bool allowAttachments)
    {
        var reader = outer.ReadList();
        var typeValue = reader.ReadUInt64();
        var height = reader.ReadUInt64();
        var roundValue = reader.ReadUInt64();
        if (roundValue > uint.MaxValue)
        {
            throw new ConsensusMessageFormatException($"round {roundValue} does not fit in 32 bits");
        }

        var round = (uint)roundValue;
        var fields = reader.ReadList();
        var signature = reader.ReadBytes().ToArray();
        if (signature.Length != 65)
        {
            throw new ConsensusMessageFormatException($"a consensus signature is 65 bytes, got {signature.Length}");
        }

        var attachments = reader.ReadList();
        reader.EnsureFinished("the consensus message fields");
        if (!allowAttachments && attachments.HasMore)
        {
            throw new ConsensusMessageFormatException("a nested consensus message must not carry attachments");
        }

        SignedConsensusMessage message = typeValue switch
        {
            (ulong)ConsensusMessageType.Proposal => ReadProposal(height, round, ref fields, signature, ref attachments),
            (ulong)ConsensusMessageType.Prepare => new PrepareMessage(height, round, fields.ReadHash(), signature),
            (ulong)ConsensusMessageType.Commit => ReadCommit(height, round, ref fields, signature),
            (ulong)ConsensusMessageType.RoundChange => ReadRoundChange(height, round, ref fields, signature, ref attachments),
            _ => throw new ConsensusMessageFormatException($"unknown consensus message type {typeValue}"),
        };
        fields.EnsureFinished($"the {message.Type} fields");
        attachments.EnsureFinished($"the {message.Type} attachments");
        return message;
    }

    private static CommitMessage ReadCommit(ulong height, uint round, ref RlpReader fields, byte[] signature)
    {
        var hash = fields.ReadHash();
        var seal = fields.ReadBytes().ToArray();
        if (seal.Length != 65)
        {
            throw new ConsensusMessageFormatException($"a commit seal is 65 bytes, got {seal.Length}");
        }

        return new CommitMessage(height, round, hash, seal, signature);
    }

    private static ProposalMessage ReadProposal(ulong height, uint round, ref RlpReader fields, byte[] signature, ref RlpReader attachments)
    {
        var signedHash = fields.ReadHash();
        var block = BlockCodec.Decode(attachments.ReadBytes());
        if (block.Header.Hash != signedHash)
        {
            throw new ConsensusMessageFormatException($"the proposal signs block {signedHash} but carries block {block.Header.Hash}");
        }

        var roundChangeReader = attachments.ReadList();
        var roundChanges = new List<RoundChangeMessage>();
        while (roundChangeReader.HasMore)
        {
            CheckCount(roundChanges.Count, "round-change justification");
            roundChanges.Add(Read(ref roundChangeReader, allowAttachments: false) as RoundChangeMessage
                ?? throw new ConsensusMessageFormatException("a proposal's round-change justification holds a message that is not a ROUND-CHANGE"));
        }

        var prepares = ReadPrepares(ref attachments);
        return new ProposalMessage(height, round, block, signature) { RoundChangeJustification = roundChanges, PreparedCertificate = prepares };
    }

    private static RoundChangeMessage ReadRoundChange(ulong height, uint round, ref RlpReader fields, byte[] signature, ref RlpReader attachments)
    {
        var claimReader = fields.ReadList();
        PreparedClaim? claim = null;
        if (claimReader.HasMore)
        {
            var preparedRound = claimReader.ReadUInt64();
            if (preparedRound > uint.MaxValue)
            {
                throw new ConsensusMessageFormatException($"prepared round {preparedRound} does not fit in 32 bits");
            }

            claim = new PreparedClaim((uint)preparedRound, claimReader.ReadHash());
            claimReader.EnsureFinished("the prepared claim");
        }

        var message = new RoundChangeMessage(height, round, claim, signature);
        if (!attachments.HasMore)
        {
            return message;
        }

        if (claim is null)
        {
            throw new ConsensusMessageFormatException("a ROUND-CHANGE without a prepared claim must not carry a block or certificate");
        }

        var block = BlockCodec.Decode(attachments.ReadBytes());
        if (block.Header.Hash != claim.BlockHash)
        {
            throw new ConsensusMessageFormatException($"the ROUND-CHANGE claims block {claim.BlockHash} but carries block {block.Header.Hash}");
        }

        return message with { PreparedBlock = block, PreparedCertificate = ReadPrepares(ref attachments) };
    }

    internal static List<PrepareMessage> ReadPrepares(ref RlpReader attachments)
    {
        var reader = attachments.ReadList();
        var prepares = new List<PrepareMessage>();
        while (reader.HasMore)
        {
            CheckCount(prepares.Count, "prepared certificate");
            prepares.Add(Read(ref reader, allowAttachments: false) as PrepareMessage
                ?? throw new ConsensusMessageFormatException("a prepared certificate holds a message that is not a PREPARE"));
        }

        return prepares;
    }

    private static void CheckCount(int count, string what)
    {
        if (count >= MaxJustificationEntries)
        {
            throw new ConsensusMessageFormatException($"the {what} has more than {MaxJustificationEntries} entries");
        }
    }
}
