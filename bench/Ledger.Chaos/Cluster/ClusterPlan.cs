namespace Ledger.Chaos.Cluster;

/// <summary>
/// What a cluster needs before it starts: which node's data lives on a small tmpfs (disk-full faults) and each node's
/// clock offset in seconds (clock faults; 0 = true time).
/// </summary>
public sealed record ClusterPlan
{
    public int Nodes { get; init; } = 4;

    /// <summary>Nodes whose data directory is a tmpfs of <see cref="VolumeMiB"/> (needs root).</summary>
    public IReadOnlySet<int> SmallDisks { get; init; } = new HashSet<int>();

    public int VolumeMiB { get; init; } = 256;

    /// <summary>Clock offset per node index; missing = 0.</summary>
    public IReadOnlyDictionary<int, int> ClockOffsets { get; init; } = new Dictionary<int, int>();

    public int Seed { get; init; }
}
