using Ledger.Chaos.Campaign;
using Ledger.Chaos.Checks;
using Ledger.Chaos.Scenarios;

namespace Ledger.Chaos.Tests.Campaign;

/// <summary>
/// The campaign's figures survive an interrupted run (one JSON line per scenario), merge across runs, and a failure or a
/// lost payment shows in the totals and the Markdown of docs/RELIABILITY.md — the report must not hide what broke.
/// </summary>
public sealed class CampaignReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ledger-chaos-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Lines_of_two_runs_merge_and_a_rerun_scenario_replaces_its_earlier_line()
    {
        var first = Path.Combine(_dir, "a.lines");
        var second = Path.Combine(_dir, "b.lines");
        await ResultLines.AppendAsync(first, Result(0, FaultClass.None, convergence: 0.2));
        await ResultLines.AppendAsync(first, Result(1, FaultClass.Kill, convergence: null, violation: new Violation(ViolationKind.NoConvergence, "node 0 at 31")));
        await ResultLines.AppendAsync(second, Result(1, FaultClass.Kill, convergence: 1.5));
        await ResultLines.AppendAsync(second, Result(2, FaultClass.Delay, convergence: 0.4));

        var results = ResultLines.Read([first, second]);

        Assert.Equal([0, 1, 2], results.Select(r => r.Index));
        Assert.True(results[1].Passed, "the rerun of scenario 1 (second file) must replace its failed first run");
        Assert.Equal(1.5, results[1].ConvergenceSeconds);
        Assert.Equal(100, results[2].Payments!.Acknowledged);
        Assert.Equal(2, results[1].FaultsInjected["kill"]);
    }

    [Fact]
    public void A_failed_scenario_and_a_lost_payment_show_in_the_summary_and_the_report()
    {
        var results = new[]
        {
            Result(0, FaultClass.None, convergence: 0.1),
            Result(1, FaultClass.Kill, convergence: 2.0, lost: 1, violation: new Violation(ViolationKind.LostTransaction, "0xabc lost")),
            Result(2, FaultClass.TwoWayPartition, convergence: 0.5, violation: new Violation(ViolationKind.Fork, "height 7")),
        };

        var summary = CampaignSummary.From(7, results, TimeSpan.FromMinutes(3));
        var markdown = ReliabilityReport.Markdown(summary, results, "ledger-chaos --seed 7");

        Assert.Equal(3, summary.Scenarios);
        Assert.Equal(1, summary.Passed);
        Assert.Equal(1, summary.Lost);
        Assert.Equal(1, summary.Forks);
        Assert.Equal(300, summary.Acknowledged);
        Assert.Equal(2.0, summary.ConvergenceMaxSeconds);
        Assert.Equal(2, summary.Failed.Count);
        Assert.Contains("| **1** |", markdown, StringComparison.Ordinal);
        Assert.Contains("#1 Kill", markdown, StringComparison.Ordinal);
        Assert.Contains("Fork: height 7", markdown, StringComparison.Ordinal);
        Assert.Contains("`ledger-chaos --seed 7`", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Convergence_shows_from_the_heal_and_from_every_node_up_and_old_lines_without_the_second_are_left_out()
    {
        var results = new[]
        {
            // A slow restart: 40 s from the heal, of which 36 s before the last node answered; consensus took 4 s.
            Result(0, FaultClass.Kill, convergence: 40.0) with { UpAfterHealSeconds = 36.0, ConvergenceFromUpSeconds = 4.0 },
            Result(1, FaultClass.Kill, convergence: 2.0) with { UpAfterHealSeconds = 1.0, ConvergenceFromUpSeconds = 1.0 },
            Result(2, FaultClass.Kill, convergence: 50.0), // a line from before "every node up" was recorded
        };

        var summary = CampaignSummary.From(7, results, TimeSpan.FromMinutes(3));
        var markdown = ReliabilityReport.Markdown(summary, results, "ledger-chaos --seed 7");

        Assert.Equal(2, summary.UpMeasured);
        Assert.Equal(50.0, summary.ConvergenceMaxSeconds);
        Assert.Equal(36.0, summary.UpAfterHealMaxSeconds);
        Assert.Equal(4.0, summary.ConvergenceFromUpMaxSeconds);
        var kill = Assert.Single(summary.Classes);
        Assert.Equal(4.0, kill.ConvergenceFromUpMaxSeconds);
        Assert.Equal(36.0, kill.UpAfterHealMaxSeconds);
        Assert.Contains("in the 2 scenarios that recorded it", markdown, StringComparison.Ordinal);
        Assert.Contains("| 40.0 s / 50.0 s | 36.0 s | 1.0 s / 4.0 s |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_new_figures_survive_the_lines_file()
    {
        var path = Path.Combine(_dir, "c.lines");
        await ResultLines.AppendAsync(path, Result(0, FaultClass.TwoWayPartition, convergence: 3.0) with
        {
            UpAfterHealSeconds = 0.5,
            ConvergenceFromUpSeconds = 2.5,
            FinalisedInWindowBySegment = [0, null, 7],
        });

        var read = Assert.Single(ResultLines.Read([path]));

        Assert.Equal(0.5, read.UpAfterHealSeconds);
        Assert.Equal(2.5, read.ConvergenceFromUpSeconds);
        Assert.Equal([0, null, 7], read.FinalisedInWindowBySegment);
    }

    private static ScenarioResult Result(int index, FaultClass kind, double? convergence, int lost = 0, Violation? violation = null) => new()
    {
        CampaignSeed = 7,
        Index = index,
        Seed = 1000 + index,
        Class = kind,
        Schedule = $"scenario {index}",
        Violations = violation is null ? [] : [violation],
        Payments = new AckSummary(100, 100, 100 - lost, 0, 0, 0, 0, lost, 0, 0),
        ConvergenceSeconds = convergence,
        BaselineRate = 40,
        FaultRate = 20,
        AfterHealRate = 40,
        MaxResidentMiB = [150, 160, 170, 180],
        FaultsInjected = kind == FaultClass.Kill ? new Dictionary<string, int> { ["kill"] = 2 } : new Dictionary<string, int>(),
        ElapsedSeconds = 60,
    };
}
