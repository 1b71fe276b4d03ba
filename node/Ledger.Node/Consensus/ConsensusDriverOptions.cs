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
}
