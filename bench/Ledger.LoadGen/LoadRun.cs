using System.Diagnostics;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.LoadGen.Chain;
using Ledger.LoadGen.Rpc;

namespace Ledger.LoadGen;

/// <summary>
/// One load run against a node: setup (untimed), pre-signing (untimed), then the timed phase — submit at the
/// offered rate while a tracker watches blocks — until every accepted transfer is committed, commits stop
/// coming for the configured timeout, or the hard duration bound passes. Always ends by itself.
/// </summary>
public static class LoadRun
{
    public static async Task<LoadReport> RunAsync(LoadGenOptions options, IReadOnlyList<Uri> rpcUrls, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rpcUrls);
        if (rpcUrls.Count == 0)
        {
            throw new ArgumentException("no JSON-RPC endpoint to load", nameof(rpcUrls));
        }

        var ecdsa = Ecdsa.Default;
        var submitters = rpcUrls.Select(url => new JsonRpcClient(url, options.Connections)).ToArray();
        try
        {
            return await RunAsync(options, submitters, log, ecdsa, cancellationToken);
        }
        finally
        {
            foreach (var client in submitters)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<LoadReport> RunAsync(LoadGenOptions options, JsonRpcClient[] submitters, TextWriter log, IEcdsa ecdsa, CancellationToken cancellationToken)
    {
        // Setup and commit tracking talk to the first node; the timed submissions go round-robin to all of them.
        var rpc = submitters[0];
        using var trackerRpc = new JsonRpcClient(rpc.Url, 1);
        var chainId = await rpc.ChainIdAsync(cancellationToken);
        log.WriteLine($"node {rpc.Url}: chain id {chainId}, head {await rpc.BlockNumberAsync(cancellationToken)}, signer {ecdsa.Name}, submitting to {submitters.Length} node(s)");

        var accounts = LoadAccount.CreateFresh(options.Accounts, ecdsa);
        var perAccount = (options.Transactions + options.Accounts - 1) / options.Accounts;
        await new SetupPhase(rpc, ecdsa, log).RunAsync(accounts, (UInt256)(ulong)(perAccount + 100), cancellationToken);

        var signing = Stopwatch.StartNew();
        var plan = TransferPlan.Create(accounts, options.Transactions, options.Batch, chainId, DevChain.Usda, ecdsa, options.ProcessorShape);
        log.WriteLine($"signed {plan.Count} transfers in {signing.Elapsed.TotalSeconds:0.0} s ({plan.Bodies.Length} batches of ≤ {plan.BatchSize})");

        var tracker = new CommitTracker(trackerRpc, plan, await rpc.BlockNumberAsync(cancellationToken) + 1);
        var submitter = new Submitter(submitters, plan, options.Rate, options.Connections, options.ProcessorShape ? tracker : null, options.MaxAhead);
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hardStop.CancelAfter(TimeSpan.FromSeconds(options.MaxDurationSeconds));
        using var stopTracking = CancellationTokenSource.CreateLinkedTokenSource(hardStop.Token);

        var nodeUrls = submitters.Select(s => s.Url).ToArray();
        var phasesBefore = await PhaseTimes.ReadAsync(nodeUrls, cancellationToken);
        var tracking = tracker.RunAsync(stopTracking.Token);
        log.WriteLine(options.Rate > 0 ? $"submitting at {options.Rate} tx/s …" : "submitting as fast as possible …");
        try
        {
            await submitter.RunAsync(hardStop.Token);
            await WaitForCommitsAsync(tracker, submitter, options, log, hardStop.Token);
        }
        catch (OperationCanceledException) when (hardStop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            log.WriteLine($"stopped at the {options.MaxDurationSeconds} s bound");
        }
        finally
        {
            await stopTracking.CancelAsync();
            await tracking;
        }

        var phases = PhaseTimes.MeanPerBlock(phasesBefore, await PhaseTimes.ReadAsync(nodeUrls, cancellationToken));
        return Summarize(options, plan, submitter, tracker) with { PhaseMsPerBlock = phases };
    }

    private static async Task WaitForCommitsAsync(CommitTracker tracker, Submitter submitter, LoadGenOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var accepted = submitter.Accepted.Count(a => a);
        var noProgress = TimeSpan.FromSeconds(options.CommitTimeoutSeconds);
        var lastReport = Stopwatch.GetTimestamp();
        while (tracker.Committed < accepted)
        {
            var idle = Stopwatch.GetElapsedTime(Math.Max(tracker.LastProgressAt, submitter.FinishedAt));
            if (idle > noProgress)
            {
                log.WriteLine($"no commits for {noProgress.TotalSeconds:0} s: giving up with {accepted - tracker.Committed} accepted transfers uncommitted");
                return;
            }

            if (Stopwatch.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(5))
            {
                log.WriteLine($"committed {tracker.Committed}/{accepted}");
                lastReport = Stopwatch.GetTimestamp();
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private static LoadReport Summarize(LoadGenOptions options, TransferPlan plan, Submitter submitter, CommitTracker tracker)
    {
        var latencies = new List<double>(plan.Count);
        var lastCommit = 0L;
        var submitted = 0;
        var accepted = 0;
        for (var j = 0; j < plan.Count; j++)
        {
            var sentAt = submitter.SentAt[j / plan.BatchSize];
            if (sentAt != 0)
            {
                submitted++;
            }

            if (submitter.Accepted[j])
            {
                accepted++;
            }

            var committedAt = tracker.CommittedAt[j];
            if (committedAt != 0 && sentAt != 0)
            {
                latencies.Add(Stopwatch.GetElapsedTime(sentAt, committedAt).TotalMilliseconds);
                lastCommit = Math.Max(lastCommit, committedAt);
            }
        }

        var committed = latencies.Count;
        var duration = lastCommit > submitter.StartedAt ? Stopwatch.GetElapsedTime(submitter.StartedAt, lastCommit).TotalSeconds : 0;
        var submitEnd = submitter.FinishedAt > 0 ? submitter.FinishedAt : Stopwatch.GetTimestamp();
        var submitSeconds = Stopwatch.GetElapsedTime(submitter.StartedAt, submitEnd).TotalSeconds;
        return new LoadReport
        {
            OfferedRate = options.Rate,
            Submitted = submitted,
            Committed = committed,
            DurationS = Math.Round(duration, 3),
            Tps = duration > 0 ? Math.Round(committed / duration, 1) : 0,
            LatencyMs = LatencySummary.From([.. latencies]),
            Errors = submitter.Errors,
            SubmitRate = submitSeconds > 0 ? Math.Round(submitted / submitSeconds, 1) : 0,
            Accounts = options.Accounts,
            Batch = options.Batch,
            Connections = options.Connections,
            Blocks = tracker.BlocksSeen,
            Uncommitted = Math.Max(0, accepted - committed),
            ErrorSamples = submitter.ErrorSamples.Count > 0 ? new Dictionary<string, int>(submitter.ErrorSamples) : null,
        };
    }
}
