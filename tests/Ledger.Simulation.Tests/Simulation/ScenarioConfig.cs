namespace Ledger.Simulation.Tests.Simulation;

/// <summary>
/// One simulated run. Every fault happens before <see cref="GstMs"/> (global stabilisation time); after it the
/// network delivers everything within <see cref="MaxDelayAfterGstMs"/> and only the Byzantine validator misbehaves.
/// </summary>
internal sealed record ScenarioConfig
{
    public required int Seed { get; init; }

    public required int ValidatorCount { get; init; }

    public int? ByzantineIndex { get; init; }

    public long GstMs { get; init; } = 3_000;

    public double DropRate { get; init; }

    public double DuplicateRate { get; init; }

    public long MaxDelayMs { get; init; } = 30;

    public long MaxDelayAfterGstMs { get; init; } = 30;

    /// <summary>How often a node pulls missing final blocks from a reachable peer (slow sync leaves the protocol to recover).</summary>
    public long SyncIntervalMs { get; init; } = 250;

    public IReadOnlyList<CrashPlan> Crashes { get; init; } = [];

    public IReadOnlyList<PartitionPlan> Partitions { get; init; } = [];

    /// <summary>Build and check blocks by executing token transfers on real in-memory ledgers instead of the stand-in.</summary>
    public bool RealExecution { get; init; }

    /// <summary>Validator set changes at block boundaries, in ascending <see cref="SetChangePlan.FromHeight"/> order.</summary>
    public IReadOnlyList<SetChangePlan> SetChanges { get; init; } = [];

    /// <summary>Crash a node between two of its actions (e.g. after persisting, before sending) now and then.</summary>
    public bool MidActionCrashes { get; init; }

    /// <summary>New heights every honest node must finalise after GST …</summary>
    public int LivenessHeights { get; init; } = 3;

    /// <summary>… within this much virtual time.</summary>
    public long LivenessBoundMs { get; init; } = 60_000;

    public static ScenarioConfig FromSeed(int seed)
    {
        var random = new SimRandom((ulong)seed * 0x9E3779B97F4A7C15UL + 17);
        var n = random.Next(10) switch
        {
            0 => 1,
            1 or 2 => 7,
            _ => 4,
        };
        var gst = random.Range(800, 3_000);
        int? byzantine = n >= 4 && random.Chance(0.6) ? random.Next(n) : null;
        var honest = Enumerable.Range(0, n).Where(i => i != byzantine).ToArray();
        var crashes = new List<CrashPlan>();
        var crashCount = random.Next(3);
        for (var i = 0; i < crashCount; i++)
        {
            var at = random.Range(0, gst - 600);
            crashes.Add(new CrashPlan(honest[random.Next(honest.Length)], at, at + random.Range(50, 500)));
        }

        var partitions = new List<PartitionPlan>();
        var partitionCount = n > 1 ? random.Next(3) : 0;
        for (var i = 0; i < partitionCount; i++)
        {
            var at = random.Range(0, gst - 600);
            var side = Enumerable.Range(0, n).Select(_ => random.Next(2)).ToArray();
            partitions.Add(new PartitionPlan(at, at + random.Range(100, 500), side));
        }

        return new ScenarioConfig
        {
            Seed = seed,
            ValidatorCount = n,
            ByzantineIndex = byzantine,
            GstMs = gst,
            DropRate = random.Chance(0.7) ? random.NextDouble() * 0.3 : 0,
            DuplicateRate = random.Chance(0.5) ? random.NextDouble() * 0.2 : 0,
            MaxDelayMs = random.Range(5, 300),
            MaxDelayAfterGstMs = random.Range(5, 50),
            Crashes = crashes,
            Partitions = partitions,
            MidActionCrashes = random.Chance(0.3),
            SyncIntervalMs = random.Range(200, 2_500),
        };
    }

    public override string ToString() =>
        $"seed {Seed}: n={ValidatorCount} byzantine={ByzantineIndex?.ToString() ?? "none"} gst={GstMs}ms drop={DropRate:F2} dup={DuplicateRate:F2} "
        + $"delay≤{MaxDelayMs}ms sync={SyncIntervalMs}ms crashes={Crashes.Count} partitions={Partitions.Count} midActionCrashes={MidActionCrashes}"
        + (RealExecution ? " realExecution" : string.Empty) + (SetChanges.Count > 0 ? $" setChanges={SetChanges.Count}" : string.Empty);
}
