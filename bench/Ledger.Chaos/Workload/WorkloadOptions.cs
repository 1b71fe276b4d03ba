namespace Ledger.Chaos.Workload;

/// <summary>How hard and how patiently the workload pays.</summary>
public sealed record WorkloadOptions
{
    /// <summary>Payments offered per second, across all accounts.</summary>
    public int Rate { get; init; } = 60;

    /// <summary>Most uncommitted nonces per account (far inside the pool's window of 1,024).</summary>
    public int Window { get; init; } = 8;

    /// <summary>An account whose lowest uncommitted payment has not committed this long is investigated (status on every node).</summary>
    public TimeSpan StallAfter { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Timeout of one JSON-RPC request to a node (a paused node never answers).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public long Seed { get; init; }
}
