namespace Ledger.Chaos.Checks;

/// <summary>The invariants the campaign checks; any violation fails the scenario.</summary>
public enum ViolationKind
{
    /// <summary>Two nodes finalised different blocks at one height (or a block does not extend its parent).</summary>
    Fork,

    /// <summary>One transaction committed in two blocks.</summary>
    DoubleInclusion,

    /// <summary>A node's head went backwards without its data directory being wiped: a crash lost committed blocks.</summary>
    LostCommittedBlocks,

    /// <summary>An acknowledged payment is neither committed nor reported dropped with a reason, after resending.</summary>
    LostTransaction,

    /// <summary>An acknowledged payment was forgotten (unknown everywhere) although no node that acknowledged it crashed.</summary>
    ForgottenWithoutCrash,

    /// <summary>A committed payment failed (the workload only makes payments that must succeed).</summary>
    Reverted,

    /// <summary>A token's supply, its counters, or the sum of its balances disagree, or nodes disagree on them.</summary>
    SupplyMismatch,

    /// <summary>A tracked account's balance differs from what its committed payments predict.</summary>
    BalanceMismatch,

    /// <summary>A node could not start again on its own data after a crash or a full disk.</summary>
    DataCorrupted,

    /// <summary>A node exited although the schedule did not stop it, or stopped on a full disk other than cleanly (exit 70).</summary>
    UnexpectedExit,

    /// <summary>After the heal, the nodes did not reach a common head within the bound.</summary>
    NoConvergence,

    /// <summary>A node's resident memory exceeded the bound.</summary>
    MemoryBound,

    /// <summary>The harness could not carry out the scenario (a node failed to start, setup failed).</summary>
    HarnessFailure,
}
