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

    /// <summary>Peer links through the fault proxies (false: nodes dial each other directly, as <c>ledger testnet</c>).</summary>
    public bool Proxied { get; init; } = true;

    /// <summary>Genesis consensus.roundTimeoutMs for this cluster (null: the repo genesis).</summary>
    public int? RoundTimeoutMs { get; init; }

    /// <summary>Genesis consensus.maxRoundTimeoutMs for this cluster (null: the repo genesis).</summary>
    public int? MaxRoundTimeoutMs { get; init; }

    /// <summary>This plan and <paramref name="other"/> together (disks and clocks of both).</summary>
    public ClusterPlan Union(ClusterPlan other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var clocks = new Dictionary<int, int>(ClockOffsets);
        foreach (var (node, offset) in other.ClockOffsets)
        {
            clocks.TryAdd(node, offset);
        }

        return this with
        {
            SmallDisks = new HashSet<int>(SmallDisks.Concat(other.SmallDisks)),
            ClockOffsets = clocks,
            RoundTimeoutMs = RoundTimeoutMs ?? other.RoundTimeoutMs,
            MaxRoundTimeoutMs = MaxRoundTimeoutMs ?? other.MaxRoundTimeoutMs,
        };
    }
}
