namespace Ledger.Node.Production;

/// <summary>When and how large the single validator's blocks are. Immutable; validated on construction of the producer.</summary>
public sealed record BlockProducerOptions
{
    /// <summary>Minimum time between two blocks, in milliseconds (sub-second allowed; 0 = as soon as transactions arrive).</summary>
    public int BlockIntervalMs { get; init; } = 200;

    /// <summary>Most transactions in one block (the block gas limit bounds it too).</summary>
    public int MaxTransactionsPerBlock { get; init; } = 10_000;

    /// <summary>An empty heartbeat block is produced after this many idle seconds; 0 disables heartbeats.</summary>
    public int EmptyBlockIntervalSeconds { get; init; }

    public void Validate()
    {
        if (BlockIntervalMs < 0)
        {
            throw new ArgumentException($"the block interval must not be negative (got {BlockIntervalMs} ms)");
        }

        if (MaxTransactionsPerBlock <= 0)
        {
            throw new ArgumentException($"the maximum transactions per block must be positive (got {MaxTransactionsPerBlock})");
        }

        if (EmptyBlockIntervalSeconds < 0)
        {
            throw new ArgumentException($"the empty block interval must not be negative (got {EmptyBlockIntervalSeconds} s)");
        }
    }
}
