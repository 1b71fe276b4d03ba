using Ledger.Chaos.Checks;
using Ledger.Chaos.Cluster;
using Ledger.Chaos.Proxy;
using Ledger.Chaos.Scenarios;

namespace Ledger.Chaos.Tests.Process;

/// <summary>
/// The short seeded subset of the fault campaign (the full one runs from bench/, docs/RELIABILITY.md): four real
/// <c>ledger run</c> processes behind fault proxies, paid into from every node, with every invariant checked — no fork,
/// every acknowledgement committed once or dropped with a reason, balances and supply exact, no unexpected exit,
/// convergence after every heal. Needs root (a tmpfs for the disk-full window) and Debian's faketime (the clock window);
/// without them the scenario fails naming what is missing.
/// </summary>
public sealed class ChaosSubsetTests : IDisposable
{
    /// <summary>A liveness bound, not a measurement: far above the figures in docs/RELIABILITY.md, so a slow machine passes.</summary>
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(120);

    private readonly string _work = Directory.CreateTempSubdirectory("ledger-chaos-test-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // a mount may still be detaching
        }
    }

    [Fact]
    public async Task Every_fault_class_in_turn_on_one_consortium_keeps_every_invariant()
    {
        Assert.True(ClockSkew.Library is not null, "the clock-skew window needs libfaketime: apt-get install -y faketime (.ci/run installs it)");

        // Seed 12: one short window of each class, in class order (its kills include the proposer; its split is 2|2).
        var scenario = ScenarioGenerator.Sequence(12, 0, ScenarioGenerator.Classes, maxWindow: 9);

        var result = await RunAsync(scenario);

        AssertKept(result);
        foreach (var kind in new[] { "delay", "bandwidth", "stall", "reset", "partition", "kill", "pause", "restart-all", "wipe", "disk-full", "clock-skew" })
        {
            Assert.True(result.FaultsInjected.GetValueOrDefault(kind) > 0, $"no '{kind}' fault was injected:\n{result.Schedule}");
        }
    }

    [Fact]
    public async Task A_validator_killed_again_and_again_under_load_catches_up_every_time_and_stays_up()
    {
        // Regression: a restarted validator building a proposal while synced blocks arrived stopped with
        // "a state root can only be computed on top of the head state" (docs/RELIABILITY.md, finding 1).
        var steps = new List<ScheduledFault>();
        for (var k = 0; k < 3; k++)
        {
            steps.Add(new ScheduledFault(1 + (k * 9), new KillNode(3)));
            steps.Add(new ScheduledFault(4 + (k * 9), new StartNode(3)));
        }

        var scenario = new Scenario(0, 1, 1, new ClusterPlan { Seed = 1 }, [new ScenarioSegment(FaultClass.Kill, 28, steps)]);

        var result = await RunAsync(scenario, rate: 60);

        AssertKept(result);
        Assert.Equal(3, result.FaultsInjected["kill"]);
    }

    [Fact]
    public async Task A_healed_two_two_split_resumes_without_waiting_out_its_round_timer()
    {
        // Regression: messages sent into a partition were gone, so after the heal every validator waited for its round
        // timer (up to the 30 s cap) before anything moved (docs/RELIABILITY.md, finding 2). With a 2 s first round and
        // no practical cap, 34 s of split leave the nodes in round 4 with a 32 s timer of which ~28 s are left at the heal:
        // the chain must resume before it fires — validators resend their round change to each reconnected peer.
        var steps = new List<ScheduledFault>();
        foreach (var (a, b) in new[] { (0, 2), (0, 3), (1, 2), (1, 3) })
        {
            steps.Add(new ScheduledFault(0, new SetLink(a, b, new LinkFaults { Partitioned = true })));
            steps.Add(new ScheduledFault(0, new SetLink(b, a, new LinkFaults { Partitioned = true })));
        }

        var plan = new ClusterPlan { Seed = 2, RoundTimeoutMs = 2_000, MaxRoundTimeoutMs = 600_000 };
        var scenario = new Scenario(0, 2, 2, plan, [new ScenarioSegment(FaultClass.TwoWayPartition, 34, steps)]);

        var result = await RunAsync(scenario);

        AssertKept(result);
        Assert.True(result.FaultRate < result.BaselineRate, "the 2|2 split did not stop the chain (no quorum on either side)");
        Assert.Equal(0, result.RecoveryTimeouts);
    }

    private async Task<ScenarioResult> RunAsync(Scenario scenario, int rate = 25)
    {
        var options = new RunnerOptions
        {
            WorkDirectory = _work,
            Accounts = 8,
            Merchants = 1,
            InvoicesPerMerchant = 30,
            Rate = rate,
            WarmSeconds = 3,
            AfterHealSeconds = 2,
            ConvergeWithin = Converge,
            KeepFailed = false,
        };
        var log = new StringWriter();
        var result = await new ScenarioRunner(scenario, options, log).RunAsync(CancellationToken.None);
        Assert.True(result.Passed, $"{result.OneLine()}\n{string.Join("\n", result.Violations)}\n{scenario.Describe()}\n--- runner log:\n{Tail(log.ToString())}");
        return result;
    }

    private static void AssertKept(ScenarioResult result)
    {
        var payments = result.Payments ?? throw new InvalidOperationException("no payment summary");
        Assert.True(payments.Acknowledged > 50, $"only {payments.Acknowledged} payments were acknowledged");
        Assert.Equal(0, payments.Lost);
        Assert.Equal(0, payments.Forgotten);
        Assert.DoesNotContain(result.Violations, v => v.Kind == ViolationKind.Fork);
        Assert.NotNull(result.ConvergenceSeconds);
    }

    private static string Tail(string text) => text.Length <= 12_000 ? text : text[^12_000..];
}
