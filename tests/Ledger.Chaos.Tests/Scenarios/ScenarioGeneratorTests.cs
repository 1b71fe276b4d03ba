using Ledger.Chaos.Proxy;
using Ledger.Chaos.Scenarios;

namespace Ledger.Chaos.Tests.Scenarios;

/// <summary>Scenarios are reproducible from their seed and cover every fault class with the faults the class names.</summary>
public sealed class ScenarioGeneratorTests
{
    [Fact]
    public void The_same_seed_and_index_give_the_same_scenario_and_another_seed_another()
    {
        for (var index = 0; index < 28; index++)
        {
            Assert.Equal(ScenarioGenerator.Create(42, index).Describe(), ScenarioGenerator.Create(42, index).Describe());
        }

        var differ = Enumerable.Range(0, 28).Count(i => ScenarioGenerator.Create(42, i).Describe() != ScenarioGenerator.Create(43, i).Describe());
        Assert.True(differ >= 20, $"only {differ} of 28 scenarios changed with the seed");
    }

    [Fact]
    public void Consecutive_scenarios_rotate_through_every_class()
    {
        var classes = Enumerable.Range(0, ScenarioGenerator.Classes.Length).Select(i => ScenarioGenerator.Create(5, i).Class).ToHashSet();

        Assert.Equal(ScenarioGenerator.Classes.ToHashSet(), classes);
    }

    [Theory]
    [InlineData(FaultClass.Delay, typeof(SetLink))]
    [InlineData(FaultClass.Reset, typeof(ResetLink))]
    [InlineData(FaultClass.Kill, typeof(KillNode))]
    [InlineData(FaultClass.PauseProposer, typeof(PauseProposer))]
    [InlineData(FaultClass.RestartAll, typeof(RestartAll))]
    [InlineData(FaultClass.DiskFull, typeof(FillDisk))]
    public void Each_class_schedules_its_fault(FaultClass kind, Type action)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var scenario = ScenarioGenerator.Create(seed, 0, kind);
            Assert.Contains(scenario.Segments.Single().Steps, s => s.Action.GetType() == action);
        }
    }

    [Fact]
    public void Partitions_cut_links_and_delays_stay_within_300_ms()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var twoWay = ScenarioGenerator.Create(seed, 0, FaultClass.TwoWayPartition).Segments.Single().Steps;
            Assert.Contains(twoWay, s => s.Action is SetLink { Faults.Partitioned: true });
            var delays = ScenarioGenerator.Create(seed, 0, FaultClass.Delay).Segments.Single().Steps.Select(s => ((SetLink)s.Action).Faults);
            Assert.All(delays, f => Assert.InRange(f.DelayMs, 0, 300));
        }
    }

    [Fact]
    public void A_wipe_resync_wipes_one_or_two_nodes_and_kills_another_during_the_catch_up()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var steps = ScenarioGenerator.Create(seed, 0, FaultClass.WipeResync).Segments.Single().Steps;
            var wiped = steps.Where(s => s.Action is StartNode { Wipe: true }).Select(s => ((StartNode)s.Action).Node).ToList();
            Assert.InRange(wiped.Count, 1, 2);
            var killedLater = steps.Where(s => s.Action is KillNode k && k.Node is { } n && !wiped.Contains(n)).ToList();
            Assert.Single(killedLater);
            Assert.True(killedLater[0].AtSeconds > steps.First(s => s.Action is StartNode { Wipe: true }).AtSeconds);
        }
    }

    [Fact]
    public void Clock_skew_and_disk_full_shape_the_cluster()
    {
        var skew = ScenarioGenerator.Create(3, 0, FaultClass.ClockSkew);
        var (node, offset) = Assert.Single(skew.Plan.ClockOffsets);
        Assert.InRange(node, 0, 3);
        Assert.InRange(Math.Abs(offset), 10, 30);

        var disk = ScenarioGenerator.Create(3, 0, FaultClass.DiskFull);
        var victim = Assert.Single(disk.Plan.SmallDisks);
        Assert.Contains(disk.Segments.Single().Steps, s => s.Action is FillDisk f && f.Node == victim);
    }

    [Fact]
    public void A_sequence_has_one_short_window_per_class_and_fixes_a_skewed_clock_at_its_own_heal()
    {
        var scenario = ScenarioGenerator.Sequence(9, 0, ScenarioGenerator.Classes, maxWindow: 10);

        Assert.Equal(ScenarioGenerator.Classes, scenario.Segments.Select(s => s.Class));
        Assert.All(scenario.Segments, s => Assert.True(s.WindowSeconds <= 10, $"{s.Class} window {s.WindowSeconds} s"));
        Assert.True(scenario.Segments.Single(s => s.Class == FaultClass.ClockSkew).FixClockAtHeal);
        Assert.Single(scenario.Plan.SmallDisks);
        Assert.Single(scenario.Plan.ClockOffsets);
        Assert.Equal(scenario.Describe(), ScenarioGenerator.Sequence(9, 0, ScenarioGenerator.Classes, maxWindow: 10).Describe());
    }

    [Fact]
    public void Link_faults_describe_themselves()
    {
        Assert.Equal("clear", LinkFaults.None.ToString());
        Assert.Equal("delay 120+30 ms, cap 64 KiB/s", new LinkFaults { DelayMs = 120, JitterMs = 30, BytesPerSecond = 65_536 }.ToString());
        Assert.Equal("partitioned", new LinkFaults { Partitioned = true }.ToString());
    }
}
