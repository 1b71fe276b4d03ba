using Ledger.Consensus.Signing;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Consensus.Messages;

/// <summary>
/// What a consensus signature covers: <c>Keccak256(rlp([domain, chainId, type, height, round, fields]))</c>. The domain
/// tag keeps these signatures apart from transactions and commit seals; the chain id keeps a validator key that serves
/// two chains (a testnet and production, say) from having its votes on one replayed on the other. Attachments are not
/// signed (each one carries its own signature).
/// </summary>
public static class ConsensusMessageSigning
{
    public const string Domain = "ledger-qbft-v1";

    internal static readonly byte[] DomainBytes = System.Text.Encoding.ASCII.GetBytes(Domain);

    public static Hash32 Digest(SignedConsensusMessage message, ulong chainId)
    {
        var writer = new RlpWriter(170);
        writer.StartList().WriteBytes(DomainBytes).WriteUInt64(chainId);
        WriteSignedFields(writer, message);
        writer.EndList();
        return Keccak256.Hash(writer.WrittenSpan);
    }

    /// <summary>type, height, round, [fields]: shared by the digest and the wire encoding.</summary>
    internal static void WriteSignedFields(RlpWriter writer, SignedConsensusMessage message)
    {
        writer.WriteUInt64((byte)message.Type).WriteUInt64(message.Height).WriteUInt64(message.Round).StartList();
        switch (message)
        {
            case ProposalMessage proposal:
                writer.WriteHash(proposal.BlockHash);
                break;
            case PrepareMessage prepare:
                writer.WriteHash(prepare.BlockHash);
                break;
            case CommitMessage commit:
                writer.WriteHash(commit.BlockHash).WriteBytes(commit.CommitSeal);
                break;
            case RoundChangeMessage roundChange:
                writer.StartList();
                if (roundChange.Prepared is { } prepared)
                {
                    writer.WriteUInt64(prepared.Round).WriteHash(prepared.BlockHash);
                }

                writer.EndList();
                break;
            default:
                throw new ArgumentException($"unknown consensus message {message.GetType().Name}", nameof(message));
        }

        writer.EndList();
    }

    /// <summary>Recovers the signer; false (never throws) for a malformed or invalid signature.</summary>
    public static bool TryRecoverSender(SignedConsensusMessage message, ulong chainId, IEcdsa ecdsa, out Address sender) =>
        TryRecover(Digest(message, chainId), message.Signature, ecdsa, out sender);

    public static bool TryRecover(Hash32 digest, byte[]? signature65, IEcdsa ecdsa, out Address signer)
    {
        signer = default;
        if (signature65 is null || signature65.Length != 65 || signature65[64] > 1)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[Hash32.Length];
        digest.WriteTo(hash);
        return ecdsa.TryRecoverAddress(hash, signature65.AsSpan(0, 32), signature65.AsSpan(32, 32), signature65[64], out signer);
    }

    public static PrepareMessage SignPrepare(IConsensusSigner signer, ulong chainId, ulong height, uint round, Hash32 blockHash)
    {
        var unsigned = new PrepareMessage(height, round, blockHash, []);
        return unsigned with { Signature = signer.Sign(Digest(unsigned, chainId)) };
    }

    public static CommitMessage SignCommit(IConsensusSigner signer, ulong chainId, ulong height, uint round, Hash32 blockHash)
    {
        var seal = signer.Sign(CommitCertificates.SealHash(blockHash, round));
        var unsigned = new CommitMessage(height, round, blockHash, seal, []);
        return unsigned with { Signature = signer.Sign(Digest(unsigned, chainId)) };
    }

    public static RoundChangeMessage SignRoundChange(
        IConsensusSigner signer, ulong chainId, ulong height, uint round, PreparedClaim? prepared, Block? preparedBlock, IReadOnlyList<PrepareMessage> certificate)
    {
        var unsigned = new RoundChangeMessage(height, round, prepared, []);
        return unsigned with
        {
            Signature = signer.Sign(Digest(unsigned, chainId)),
            PreparedBlock = prepared is null ? null : preparedBlock,
            PreparedCertificate = prepared is null ? [] : certificate,
        };
    }

    public static ProposalMessage SignProposal(
        IConsensusSigner signer,
        ulong chainId,
        ulong height,
        uint round,
        Block block,
        IReadOnlyList<RoundChangeMessage> roundChanges,
        IReadOnlyList<PrepareMessage> preparedCertificate)
    {
        var unsigned = new ProposalMessage(height, round, block, []);
        return unsigned with
        {
            Signature = signer.Sign(Digest(unsigned, chainId)),
            RoundChangeJustification = roundChanges,
            PreparedCertificate = preparedCertificate,
        };
    }
}
