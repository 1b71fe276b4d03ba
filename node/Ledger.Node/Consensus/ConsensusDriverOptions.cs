using Ledger.Core.Chain;

namespace Ledger.Node.Consensus;

/// <summary>Block pacing of a consortium validator (consensus timing itself is <c>QbftOptions</c>).</summary>
public sealed record ConsensusDriverOptions
{
    /// <summary>Minimum milliseconds between the previous block and a proposal that carries transactions.</summary>
    public int BlockIntervalMs { get; init; } = 100;

    /// <summary>Most transactions a proposed block holds.</summary>
    public int MaxTransactionsPerBlock { get; init; } = 10_000;

    /// <summary>
    /// Longest a proposer waits for transactions before proposing an empty block. Must stay well below the round
    /// timeout: the other validators' round timer runs while the proposer waits.
    /// </summary>
    public int MaxProposalWaitMs { get; init; } = 1_000;

    /// <summary>
    /// Peer messages waiting for the consensus loop; beyond it new ones are dropped (and counted): BFT tolerates loss, and
    /// a Byzantine or broken peer must not be able to grow the loop's queue without bound.
    /// </summary>
    public int MaxQueuedMessages { get; init; } = 4_096;

    /// <summary>Bytes of peer messages waiting for the consensus loop (a proposal carries a block); beyond it, as above.
    /// At least two maximum-size peer messages, so a large proposal is never refused for its size alone.</summary>
    public long MaxQueuedMessageBytes { get; init; } = 2L * BlockLimits.PeerMessageBytes;
}
