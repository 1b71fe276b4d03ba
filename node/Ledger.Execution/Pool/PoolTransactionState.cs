namespace Ledger.Execution.Pool;

/// <summary>What the pool knows of a transaction hash (committed ones are the chain's to report).</summary>
public enum PoolTransactionState
{
    /// <summary>Never seen here, or dropped so long ago that the record is gone.</summary>
    Unknown,

    /// <summary>Executable: its nonce follows the sender's committed nonce without a gap.</summary>
    Pending,

    /// <summary>Waiting behind a nonce gap: <see cref="PoolTransactionStatus.WaitingForNonce"/> must arrive first.</summary>
    Queued,

    /// <summary>Left the pool without being committed, for <see cref="PoolTransactionStatus.Reason"/>.</summary>
    Dropped,
}
