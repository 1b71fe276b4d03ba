namespace Ledger.Execution.Pool;

/// <summary>Why an admitted transaction left the pool without being committed (the label of ledger_pool_dropped_total).</summary>
public enum PoolDropReason
{
    /// <summary>A transaction with the same sender and nonce replaced it.</summary>
    Replaced,

    /// <summary>A committed transaction used its nonce (e.g. a replacement that reached a block elsewhere first).</summary>
    NonceUsed,

    /// <summary>It waited behind a nonce gap for longer than the queued lifetime.</summary>
    Expired,

    /// <summary>The pool was full and it was the fairest one to evict.</summary>
    Evicted,

    /// <summary>Block building refused it (it would make the block invalid).</summary>
    Invalid,

    /// <summary>It did not pass the checks again when a restarted node reloaded its saved pool.</summary>
    Revalidation,
}
