using Ledger.Chaos.Checks;
using Ledger.Chaos.Cluster;
using Ledger.Chaos.Workload;
using Ledger.Core.Crypto;
using Ledger.LoadGen;
using Ledger.LoadGen.Rpc;

namespace Ledger.Chaos.Scenarios;

/// <summary>
/// Runs one <see cref="Scenario"/> end to end on a fresh cluster: start four nodes behind fault proxies, set up the
/// workload, pay for <see cref="RunnerOptions.WarmSeconds"/> without faults, run the schedule, heal, measure how long the
/// nodes take to converge, keep paying a little, stop and drain, then audit (forks, every acknowledgement, balances,
/// supply, exits, memory). Always ends by itself; every failure becomes a violation in the result rather than an
/// exception, so a campaign goes on.
/// </summary>
public sealed partial class ScenarioRunner(Scenario scenario, RunnerOptions options, TextWriter log)
{
    private readonly List<Violation> _violations = [];
    private readonly List<string> _notes = [];
    private readonly CrashLog _crashes = new();
    private readonly Dictionary<string, int> _faults = [];
    private ChaosCluster _cluster = null!;
    private ChainRecord _chain = null!;
    private ChainObserver[] _observers = [];
    private MemoryMonitor _memory = null!;
    private readonly List<int> _segmentTimeouts = [];

    public async Task<ScenarioResult> RunAsync(CancellationToken cancellationToken)
    {
        var root = Path.Combine(options.WorkDirectory, $"s{scenario.CampaignSeed}-{scenario.Index}");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var started = DateTime.UtcNow;
        log.WriteLine(scenario.Describe());
        if (scenario.Plan.ClockOffsets.Count > 0)
        {
            _faults["clock-skew"] = scenario.Plan.ClockOffsets.Count;
        }
        Measurements measured = new();
        AckSummary? payments = null;
        try
        {
            _cluster = ChaosCluster.Create(root, scenario.Plan, keepFiles: true);
            (measured, payments) = await RunOnClusterAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or JsonRpcException or IOException or FormatException)
        {
            Flag(new Violation(ViolationKind.HarnessFailure, ex.Message));
        }
        finally
        {
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }

        var kept = options.KeepAll || (Snapshot(_violations).Length > 0 && options.KeepFailed) ? root : null;
        if (kept is null && Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        return new ScenarioResult
        {
            CampaignSeed = scenario.CampaignSeed,
            Index = scenario.Index,
            Seed = scenario.Seed,
            Class = scenario.Class,
            Name = scenario.Name,
            Schedule = scenario.Describe(),
            Violations = Snapshot(_violations),
            Payments = payments,
            ConvergenceSeconds = measured.Convergence,
            UpAfterHealSeconds = measured.UpAfterHeal,
            ConvergenceFromUpSeconds = measured.ConvergenceFromUp,
            BaselineRate = measured.Baseline,
            FaultRate = measured.Fault,
            AfterHealRate = measured.AfterHeal,
            LatencyP50Ms = measured.P50,
            LatencyP99Ms = measured.P99,
            MaxResidentMiB = _memory?.MaxMiB ?? [],
            FaultsInjected = new Dictionary<string, int>(_faults),
            FinalHeight = _chain?.MaxHead ?? 0,
            RecoveryTimeouts = _segmentTimeouts.Sum(),
            RecoveryTimeoutsBySegment = [.. _segmentTimeouts],
            FinalisedInWindowBySegment = [.. _windowBlocks],
            ElapsedSeconds = (DateTime.UtcNow - started).TotalSeconds,
            Notes = Snapshot(_notes),
            KeptAt = kept,
        };
    }

    private async Task<(Measurements, AckSummary?)> RunOnClusterAsync(CancellationToken cancellationToken)
    {
        var clock = _cluster.Clock;
        await _cluster.StartAllAsync(cancellationToken);
        _chain = new ChainRecord(_cluster.Nodes.Count);
        using var stopObserving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _observers = [.. _cluster.Nodes.Select(n => new ChainObserver(n.Index, n.RpcUrl, _chain, clock))];
        _memory = new MemoryMonitor(_cluster.Nodes);
        var observing = _observers.Select(o => o.RunAsync(stopObserving.Token)).Append(_memory.RunAsync(stopObserving.Token)).ToList();
        try
        {
            return await RunWorkloadAsync(cancellationToken);
        }
        finally
        {
            await stopObserving.CancelAsync();
            await Task.WhenAll(observing);
        }
    }

    private async Task<(Measurements, AckSummary?)> RunWorkloadAsync(CancellationToken cancellationToken)
    {
        var clock = _cluster.Clock;
        var ecdsa = Ecdsa.Default;
        var accounts = ChaosAccount.Create(options.Accounts, scenario.Seed, ecdsa);
        SetupResult setup;
        using (var rpc = new JsonRpcClient(_cluster.Nodes[FirstHealthyForSetup()].RpcUrl, timeout: TimeSpan.FromSeconds(30)))
        {
            setup = await new WorkloadSetup(rpc, ecdsa, log).RunAsync(accounts, options.Merchants, options.InvoicesPerMerchant, 10_000_000, cancellationToken);
        }

        var tracked = accounts.Select(a => a.Address).Append(DevKeys.Address(ChaosChain.DeskDevKey)).ToList();
        var initial = await ReadInitialBalancesAsync(setup.Block, tracked, cancellationToken);
        var firstNonces = await ReadNoncesAsync(accounts, cancellationToken);
        var factory = new PaymentFactory(accounts, setup.Invoices, setup.QuoteExpiry, ecdsa);
        using var workload = new PaymentWorkload(
            accounts, firstNonces, factory, [.. _cluster.Nodes.Select(n => n.RpcUrl)],
            new WorkloadOptions { Rate = options.Rate, Seed = scenario.Seed }, _chain, _crashes, clock);
        using var stopGenerating = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopSupervising = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var generating = workload.GenerateAsync(stopGenerating.Token);
        var supervising = workload.SuperviseAsync(stopSupervising.Token);

        var warmStart = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(options.WarmSeconds), cancellationToken);
        var faultStart = clock.Elapsed;
        log.WriteLine($"faults start at {faultStart.TotalSeconds:F1} s (head {_chain.MaxHead})");
        var healAt = faultStart;
        double? convergence = 0;
        double? upAfterHeal = 0;
        double? convergenceFromUp = 0;
        foreach (var segment in scenario.Segments)
        {
            var windowStart = clock.Elapsed;
            var settled = HeadsIntoWindowAsync(segment, windowStart, cancellationToken);
            await RunSegmentAsync(segment, windowStart, cancellationToken);
            healAt = clock.Elapsed;
            _windowBlocks.Add(FinalisedInWindow(await settled));

            // Converged = every node holds a block finalised after the heal: laggards caught up AND the chain is live
            // again (after a 2|2 split nobody moved, so "reached the highest head" alone would be trivially true).
            var target = _chain.MaxHead + 1;
            log.WriteLine($"heal {segment.Class} at {healAt.TotalSeconds:F1} s: highest head {target - 1}");
            var timeoutsAtHeal = await RoundTimeoutsAsync(cancellationToken);
            await HealAsync(segment, cancellationToken);
            var upAt = await WaitUntilAllUpAsync(healAt, cancellationToken);
            var convergedAt = await WaitForConvergenceAsync(target, healAt, cancellationToken);
            _segmentTimeouts.Add(RoundTimeoutsSince(timeoutsAtHeal, await RoundTimeoutsAsync(cancellationToken)));
            convergence = Worst(convergence, convergedAt - healAt);
            upAfterHeal = Worst(upAfterHeal, upAt - healAt);

            // A node can pass the target between the last restart's ready line and its RPC's first answer: never negative.
            var fromUp = convergedAt - upAt;
            convergenceFromUp = Worst(convergenceFromUp, fromUp < TimeSpan.Zero ? TimeSpan.Zero : fromUp);
        }

        await Task.Delay(TimeSpan.FromSeconds(options.AfterHealSeconds), cancellationToken);
        var afterHealEnd = clock.Elapsed;
        await stopGenerating.CancelAsync();
        await generating;
        if (!await workload.DrainAsync(options.DrainWithin, cancellationToken))
        {
            Note($"{workload.Outstanding} payment(s) still uncommitted {options.DrainWithin.TotalSeconds:0} s after the load stopped");
        }

        await stopSupervising.CancelAsync();
        await supervising;
        var final = await WaitForCommonHeadAsync(cancellationToken);
        await ReadReceiptsAsync(workload.Records, cancellationToken);
        var (summary, ackViolations) = AckAudit.Run(workload.Records);
        foreach (var violation in ackViolations)
        {
            Flag(violation);
        }
        if (final is { } block)
        {
            await AuditStateAsync(block, initial, tracked, workload.Records, cancellationToken);
        }

        AuditExits();
        foreach (var violation in _chain.Violations.Concat(_memory.Violations(options.MaxResidentMiB)))
        {
            Flag(violation);
        }
        var (refused, failed) = workload.SendErrors;
        Note($"sends refused {refused}, failed in transport {failed} (each retried on another node)");
        var measured = Measurements.From(workload.Records, warmStart, faultStart, healAt, afterHealEnd) with
        {
            Convergence = convergence,
            UpAfterHeal = upAfterHeal,
            ConvergenceFromUp = convergenceFromUp,
        };
        return (measured, summary);
    }

    /// <summary>The worse of a sequence's segments so far and this one, in seconds (0.1 s); null once any segment never got there.</summary>
    private static double? Worst(double? sofar, TimeSpan? segment) =>
        sofar is { } worst && segment is { } s ? Math.Max(worst, Math.Round(s.TotalSeconds, 1)) : null;

    private static T[] Snapshot<T>(List<T> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }

    private int FirstHealthyForSetup() => scenario.Plan.ClockOffsets.ContainsKey(0) || scenario.Plan.SmallDisks.Contains(0) ? 1 : 0;

    private void Flag(Violation violation)
    {
        lock (_violations)
        {
            _violations.Add(violation);
        }
    }

    private void Note(string note)
    {
        lock (_notes)
        {
            _notes.Add(note);
        }
    }

    private void Count(FaultAction action)
    {
        if (action.Kind is { } kind)
        {
            _faults[kind] = _faults.GetValueOrDefault(kind) + 1;
        }
    }
}
