namespace Ledger.Execution.Pool;

/// <summary>
/// Limits of the transaction pool. Chain id, size and gas limits come from genesis; the capacities are
/// node options. Immutable; <see cref="Validate"/> is called by the pool's constructor.
/// </summary>
public sealed record TransactionPoolOptions
{
    /// <summary>The network's EIP-155 chain id; transactions signed for another chain are refused.</summary>
    public required ulong ChainId { get; init; }

    /// <summary>Largest accepted raw transaction, in bytes (genesis consensus parameter).</summary>
    public required int MaxTransactionBytes { get; init; }

    /// <summary>Block gas limit: a transaction asking for more could never be included.</summary>
    public required ulong BlockGasLimit { get; init; }

    /// <summary>How far beyond the sender's next nonce (state nonce + pending) a transaction may be. Default 64.</summary>
    public int FutureWindow { get; init; } = 64;

    /// <summary>Most transactions held in total. Default 200,000.</summary>
    public int Capacity { get; init; } = 200_000;

    /// <summary>Most transactions held per sender, so one account cannot fill the pool. Default 1,000.</summary>
    public int PerSenderCapacity { get; init; } = 1_000;

    public void Validate()
    {
        Require(ChainId > 0, "chain id must be positive");
        Require(MaxTransactionBytes > 0, "the maximum transaction size must be positive");
        Require(BlockGasLimit >= 21_000, "the block gas limit must be at least 21000");
        Require(FutureWindow >= 0, "the future nonce window cannot be negative");
        Require(Capacity > 0, "the pool capacity must be positive");
        Require(PerSenderCapacity > 0 && PerSenderCapacity <= Capacity, "the per-sender capacity must be positive and at most the pool capacity");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"invalid transaction pool options: {message}");
        }
    }
}
