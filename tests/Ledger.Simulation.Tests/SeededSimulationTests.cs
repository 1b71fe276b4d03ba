using System.Collections.Concurrent;
using System.Diagnostics;
using Ledger.Simulation.Tests.Simulation;
using Xunit.Abstractions;

namespace Ledger.Simulation.Tests;

/// <summary>
/// Thousands of seeded scenarios (1, 4 and 7 validators; loss, duplication, delay, partitions, crash-restart, one
/// Byzantine). A failure prints its seed; rerun it alone with <see cref="Seeded_scenario_is_safe_and_live"/>.
/// </summary>
public sealed class SeededSimulationTests(ITestOutputHelper output)
{
    /// <summary>Override with LEDGER_SIM_SCENARIOS (e.g. 20000 for a soak run).</summary>
    private static int ScenarioCount =>
        int.TryParse(Environment.GetEnvironmentVariable("LEDGER_SIM_SCENARIOS"), out var count) && count > 0 ? count : 2_000;

    [Fact]
    public void Every_seeded_scenario_stays_safe_and_finalises_after_the_network_heals()
    {
        var failures = new ConcurrentBag<SimulationResult>();
        var results = new SimulationResult[ScenarioCount];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, ScenarioCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, seed =>
        {
            var result = Simulation.Simulation.RunSeed(seed);
            results[seed] = result;
            if (!result.Succeeded)
            {
                failures.Add(result);
            }
        });
        clock.Stop();

        output.WriteLine($"{ScenarioCount} scenarios in {clock.Elapsed.TotalSeconds:F1}s wall; "
            + $"max round {results.Max(r => r.MaxRound)}, mean heights {results.Average(r => (double)r.MinHonestHeight):F1}, "
            + $"max virtual time {results.Max(r => r.EndTimeMs)}ms, rejected messages {results.Sum(r => r.Rejected)}");
        foreach (var failure in failures.OrderBy(f => f.Config.Seed).Take(20))
        {
            output.WriteLine($"reproduce with Seeded_scenario_is_safe_and_live({failure.Config.Seed}): {failure}");
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} scenario(s) failed; first: {failures.OrderBy(f => f.Config.Seed).FirstOrDefault()}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(1234)]
    public void Seeded_scenario_is_safe_and_live(int seed)
    {
        var result = Simulation.Simulation.RunSeed(seed);
        output.WriteLine(result.ToString());
        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public void The_same_seed_replays_the_same_run()
    {
        var first = Simulation.Simulation.RunSeed(99);
        var second = Simulation.Simulation.RunSeed(99);
        Assert.Equal(first.ToString(), second.ToString());
    }
}
