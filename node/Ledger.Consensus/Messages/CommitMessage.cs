using Ledger.Core.Primitives;

namespace Ledger.Consensus.Messages;

/// <summary>
/// COMMIT: the sender saw a quorum of PREPAREs. <see cref="CommitSeal"/> is its signature over
/// <c>CommitCertificates.SealHash(blockHash, round)</c>, the piece that goes into the block's certificate.
/// </summary>
public sealed record CommitMessage(ulong Height, uint Round, Hash32 BlockHash, byte[] CommitSeal, byte[] Signature)
    : SignedConsensusMessage(Height, Round, Signature)
{
    public override ConsensusMessageType Type => ConsensusMessageType.Commit;
}
