using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.Consensus.Messages;

/// <summary>
/// PROPOSAL of a block for (height, round) by that round's proposer. The signature covers the block hash; for
/// round &gt; 0 it carries a quorum of ROUND-CHANGEs for the round and, when any of them was prepared, the quorum
/// of PREPAREs for the highest prepared block (which must then be the proposed one).
/// </summary>
public sealed record ProposalMessage(ulong Height, uint Round, Block Block, byte[] Signature)
    : SignedConsensusMessage(Height, Round, Signature)
{
    public override ConsensusMessageType Type => ConsensusMessageType.Proposal;

    public Hash32 BlockHash => Block.Header.Hash;

    public IReadOnlyList<RoundChangeMessage> RoundChangeJustification { get; init; } = [];

    public IReadOnlyList<PrepareMessage> PreparedCertificate { get; init; } = [];
}
