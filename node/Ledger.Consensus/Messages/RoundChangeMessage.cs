using Ledger.Core.Chain;

namespace Ledger.Consensus.Messages;

/// <summary>
/// ROUND-CHANGE to <see cref="SignedConsensusMessage.Round"/>. When the sender was prepared it signs the
/// <see cref="Prepared"/> claim and attaches the block and the quorum of PREPAREs proving it, so the next proposer
/// can (and must) re-propose the highest prepared block. Inside a PROPOSAL's justification the attachments are stripped.
/// </summary>
public sealed record RoundChangeMessage(ulong Height, uint Round, PreparedClaim? Prepared, byte[] Signature)
    : SignedConsensusMessage(Height, Round, Signature)
{
    public override ConsensusMessageType Type => ConsensusMessageType.RoundChange;

    public Block? PreparedBlock { get; init; }

    public IReadOnlyList<PrepareMessage> PreparedCertificate { get; init; } = [];

    /// <summary>The signed part only, as carried in a proposal's justification.</summary>
    public RoundChangeMessage WithoutAttachments() =>
        PreparedBlock is null && PreparedCertificate.Count == 0 ? this : this with { PreparedBlock = null, PreparedCertificate = [] };
}
