namespace Ledger.Execution.Pool;

/// <summary>
/// Limits of the transaction pool. Chain id, size and gas limits come from genesis; the capacities are node
/// options. Every bound is in count AND bytes (bytes as the pool accounts them: see <see cref="PoolEntry"/>).
/// Immutable; <see cref="Validate"/> is called by the pool's constructor.
/// </summary>
public sealed record TransactionPoolOptions
{
    /// <summary>The network's EIP-155 chain id; transactions signed for another chain are refused.</summary>
    public required ulong ChainId { get; init; }

    /// <summary>Largest accepted raw transaction, in bytes (genesis consensus parameter).</summary>
    public required int MaxTransactionBytes { get; init; }

    /// <summary>Block gas limit: a transaction asking for more could never be included.</summary>
    public required ulong BlockGasLimit { get; init; }

    /// <summary>
    /// How far beyond the sender's COMMITTED nonce a transaction may be: nonces committed … committed + window − 1
    /// are admitted. Measured from committed state (not from what is pending), so a client that keeps at most this
    /// many transactions in flight is never refused, however its connections interleave. Default 1,024.
    /// </summary>
    public int FutureWindow { get; init; } = 1_024;

    /// <summary>Most transactions held in total. Default 200,000.</summary>
    public int Capacity { get; init; } = 200_000;

    /// <summary>Most bytes held in total (accounted). Default 512 MiB.</summary>
    public long MaxBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Most transactions held per sender, so one account cannot fill the pool. Default 1,024.</summary>
    public int PerSenderCapacity { get; init; } = 1_024;

    /// <summary>Most bytes held per sender. Default 32 MiB (about 120 maximum-size transactions).</summary>
    public long PerSenderMaxBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>A transaction queued behind a nonce gap for longer than this is dropped as expired. Default 10 minutes.</summary>
    public TimeSpan QueuedLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Same-nonce replacements a sender may make per minute (a token bucket; burst of the same size). Default 30.</summary>
    public int ReplacementsPerMinute { get; init; } = 30;

    /// <summary>How many dropped transactions are remembered for status queries (oldest forgotten first). Default 100,000.</summary>
    public int DroppedHistory { get; init; } = 100_000;

    public void Validate()
    {
        Require(ChainId > 0, "chain id must be positive");
        Require(MaxTransactionBytes > 0, "the maximum transaction size must be positive");
        Require(BlockGasLimit >= 21_000, "the block gas limit must be at least 21000");
        Require(FutureWindow > 0, "the future nonce window must be positive");
        Require(Capacity > 0, "the pool capacity must be positive");
        Require(PerSenderCapacity > 0 && PerSenderCapacity <= Capacity, "the per-sender capacity must be positive and at most the pool capacity");
        Require(MaxBytes > 0, "the pool byte limit must be positive");
        Require(PerSenderMaxBytes > 0 && PerSenderMaxBytes <= MaxBytes, "the per-sender byte limit must be positive and at most the pool byte limit");
        Require(
            PerSenderMaxBytes >= PoolEntry.FixedOverheadBytes + (2L * MaxTransactionBytes),
            $"the per-sender byte limit must hold at least one maximum-size transaction ({PoolEntry.FixedOverheadBytes + (2L * MaxTransactionBytes)} accounted bytes)");
        Require(QueuedLifetime > TimeSpan.Zero, "the queued lifetime must be positive");
        Require(ReplacementsPerMinute >= 0, "the replacement rate cannot be negative");
        Require(DroppedHistory >= 0, "the dropped-transaction history cannot be negative");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"invalid transaction pool options: {message}");
        }
    }
}
