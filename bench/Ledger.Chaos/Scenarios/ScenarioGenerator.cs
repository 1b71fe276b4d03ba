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

    public static Scenario Create(long campaignSeed, int index, FaultClass? only = null)
    {
        var seed = ScenarioSeed(campaignSeed, index);
        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        var kind = only ?? Classes[index % Classes.Length];
        var window = (double)random.Next(20, 41);
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
                window = Pause(random, steps);
                break;
            case FaultClass.RestartAll:
                steps.Add(new ScheduledFault(random.Next(2, 8), new RestartAll(random.Next(2) == 0, random.Next(1, 6))));
                break;
            case FaultClass.WipeResync:
                WipeResync(random, steps);
                break;
            case FaultClass.DiskFull:
                var victim = random.Next(Nodes);
                plan = plan with { SmallDisks = new HashSet<int> { victim } };
                steps.Add(new ScheduledFault(random.Next(2, 6), new FillDisk(victim)));
                steps.Add(new ScheduledFault(window - random.Next(2, 6), new FreeDisk(victim)));
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
                throw new ArgumentOutOfRangeException(nameof(only), kind, "no generator for this class");
        }

        return new Scenario(campaignSeed, index, seed, kind, plan, window, [.. steps.OrderBy(s => s.AtSeconds)]) { FixClockAtHeal = fixClock };
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
