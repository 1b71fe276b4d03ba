using Ledger.Chaos.Cluster;
using Ledger.Chaos.Proxy;

namespace Ledger.Chaos.Scenarios;

/// <summary>
/// Builds scenario <c>k</c> of campaign seed <c>S</c>: class k mod 14 (so every class is covered evenly and a short run
/// still touches each), and every parameter — nodes, links, delays, durations — drawn from a <see cref="Random"/> seeded
/// by (S, k). Deterministic: the same (S, k) always gives the same scenario.
/// </summary>
public static partial class ScenarioGenerator
{
    public const int Nodes = 4;

    public static readonly FaultClass[] Classes = Enum.GetValues<FaultClass>();

    public static long ScenarioSeed(long campaignSeed, int index) =>
        unchecked((campaignSeed * 1_000_003) ^ ((long)index * 0x5DEECE66DL) ^ 0x2545F4914F6CDD1DL) & long.MaxValue;

    /// <summary>Scenario <paramref name="index"/> of <paramref name="campaignSeed"/>: one fault window of its class (or <paramref name="only"/>).</summary>
    public static Scenario Create(long campaignSeed, int index, FaultClass? only = null, double? maxWindow = null)
    {
        var seed = ScenarioSeed(campaignSeed, index);
        var kind = only ?? Classes[index % Classes.Length];
        var (plan, segment) = Segment(seed, kind, maxWindow);
        return new Scenario(campaignSeed, index, seed, plan, [segment]);
    }

    /// <summary>
    /// One cluster, one workload, a fault window of each of <paramref name="classes"/> in turn (each healed and converged
    /// before the next), every window at most <paramref name="maxWindow"/> seconds: all classes for the price of one
    /// cluster start (the short CI subset). A clock skew is fixed at the end of its own window.
    /// </summary>
    public static Scenario Sequence(long campaignSeed, int index, IReadOnlyList<FaultClass> classes, double maxWindow)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var seed = ScenarioSeed(campaignSeed, index);
        var plan = new ClusterPlan { Nodes = Nodes, Seed = unchecked((int)seed) };
        var segments = new List<ScenarioSegment>();
        for (var k = 0; k < classes.Count; k++)
        {
            var (segmentPlan, segment) = Segment(ScenarioSeed(seed, k), classes[k], maxWindow);
            plan = plan.Union(segmentPlan);
            segments.Add(segment with { FixClockAtHeal = segment.FixClockAtHeal || segmentPlan.ClockOffsets.Count > 0 });
        }

        return new Scenario(campaignSeed, index, seed, plan, segments);
    }

    private static (ClusterPlan Plan, ScenarioSegment Segment) Segment(long seed, FaultClass kind, double? maxWindow)
    {
        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var window = Math.Min((double)random.Next(20, 41), maxWindow ?? double.MaxValue);
        var steps = new List<ScheduledFault>();
        var plan = new ClusterPlan { Nodes = Nodes, Seed = unchecked((int)seed) };
        var fixClock = false;
        switch (kind)
        {
            case FaultClass.None:
                break;
            case FaultClass.Delay:
                Delays(random, steps, window);
                break;
            case FaultClass.Bandwidth:
                Bandwidth(random, steps);
                break;
            case FaultClass.Stall:
                Stalls(random, steps, window);
                break;
            case FaultClass.Reset:
                Resets(random, steps, window);
                break;
            case FaultClass.OneWayPartition:
                OneWay(random, steps, window);
                break;
            case FaultClass.TwoWayPartition:
                TwoWay(random, steps, window);
                break;
            case FaultClass.Kill:
                Kills(random, steps, window);
                break;
            case FaultClass.PauseProposer:
                window = Pause(random, steps, maxWindow);
                break;
            case FaultClass.RestartAll:
                steps.Add(new ScheduledFault(random.Next(2, Math.Min(8, (int)window - 4)), new RestartAll(random.Next(2) == 0, random.Next(1, 6))));
                break;
            case FaultClass.WipeResync:
                WipeResync(random, steps);
                break;
            case FaultClass.DiskFull:
                var victim = random.Next(Nodes);
                plan = plan with { SmallDisks = new HashSet<int> { victim } };
                var filled = random.Next(2, 5);
                var freed = window - random.Next(1, 4);
                steps.Add(new ScheduledFault(filled, new FillDisk(victim)));
                steps.Add(new ScheduledFault(Math.Round((filled + freed) / 2, 1), new RestartOnFullDisk(victim)));
                steps.Add(new ScheduledFault(freed, new FreeDisk(victim)));
                break;
            case FaultClass.ClockSkew:
                var skewed = random.Next(Nodes);
                var offset = (random.Next(2) == 0 ? -1 : 1) * random.Next(10, 31);
                plan = plan with { ClockOffsets = new Dictionary<int, int> { [skewed] = offset } };
                fixClock = random.Next(2) == 0;
                break;
            case FaultClass.Mixed:
                Mixed(random, steps, window);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "no generator for this class");
        }

        return (plan, new ScenarioSegment(kind, window, [.. steps.OrderBy(s => s.AtSeconds)]) { FixClockAtHeal = fixClock });
    }

    private static int OtherNode(Random random, int node)
    {
        var other = random.Next(Nodes - 1);
        return other >= node ? other + 1 : other;
    }

    private static double At(Random random, double from, double to) => Math.Round(from + (random.NextDouble() * (to - from)), 1);

    private static void Delays(Random random, List<ScheduledFault> steps, double window)
    {
        // A slow data-centre link: some directions get 0–300 ms with jitter; half-way some change again.
        foreach (var phase in new[] { 0.0, window / 2 })
        {
            var directions = random.Next(1, Nodes * (Nodes - 1) + 1);
            for (var d = 0; d < directions; d++)
            {
                var from = random.Next(Nodes);
                steps.Add(new ScheduledFault(phase + At(random, 0, 2), new SetLink(from, OtherNode(random, from), new LinkFaults
                {
                    DelayMs = random.Next(0, 301),
                    JitterMs = random.Next(0, 101),
                })));
            }
        }
    }

    private static void Bandwidth(Random random, List<ScheduledFault> steps)
    {
        // One node behind a thin pipe (every link of it, both ways), or a few random directions.
        var cap = (long)random.Next(32, 1025) * 1024;
        if (random.Next(2) == 0)
        {
            var node = random.Next(Nodes);
            for (var other = 0; other < Nodes; other++)
            {
                if (other != node)
                {
                    steps.Add(new ScheduledFault(0, new SetLink(node, other, new LinkFaults { BytesPerSecond = cap })));
                    steps.Add(new ScheduledFault(0, new SetLink(other, node, new LinkFaults { BytesPerSecond = cap })));
                }
            }

            return;
        }

        for (var d = random.Next(1, 6); d > 0; d--)
        {
            var from = random.Next(Nodes);
            steps.Add(new ScheduledFault(At(random, 0, 3), new SetLink(from, OtherNode(random, from), new LinkFaults { BytesPerSecond = cap, DelayMs = random.Next(0, 50) })));
        }
    }

    private static void Stalls(Random random, List<ScheduledFault> steps, double window)
    {
        for (var t = At(random, 0, 3); t < window - 3; t += At(random, 3, 8))
        {
            var from = random.Next(Nodes);
            var to = OtherNode(random, from);
            var length = At(random, 1, Math.Min(8, window - t - 1));
            steps.Add(new ScheduledFault(t, new SetLink(from, to, new LinkFaults { Stalled = true })));
            steps.Add(new ScheduledFault(t + length, new SetLink(from, to, LinkFaults.None)));
        }
    }

    private static void Resets(Random random, List<ScheduledFault> steps, double window)
    {
        for (var t = At(random, 0, 2); t < window - 1; t += At(random, 1, 6))
        {
            var a = random.Next(Nodes);
            steps.Add(new ScheduledFault(t, new ResetLink(a, OtherNode(random, a))));
        }
    }
}
