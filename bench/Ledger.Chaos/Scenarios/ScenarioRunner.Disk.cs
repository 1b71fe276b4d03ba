using Ledger.Chaos.Checks;
using Ledger.Chaos.Cluster;

namespace Ledger.Chaos.Scenarios;

public sealed partial class ScenarioRunner
{
    /// <summary>Exit code of a node that stopped on a fatal storage error (HostFatalErrorHandler.FatalExitCode).</summary>
    private const int FatalExitCode = 70;

    private static readonly TimeSpan DiskFullStopWithin = TimeSpan.FromSeconds(60);
    private readonly Dictionary<int, (CancellationTokenSource Cancel, Task Task)> _diskWatches = [];

    /// <summary>Fills the node's tmpfs and watches for the clean stop a failed write must cause.</summary>
    private void FillAndWatch(ChaosNode node, CancellationToken cancellationToken)
    {
        var volume = _cluster.Volumes[node.Index];
        _filled.Add(node.Index);
        node.ExpectExit("disk full");
        var taken = volume.Fill(leaveBytes: 16 * 1024);
        log.WriteLine($"           (took {taken / 1048576.0:F1} MiB; {volume.AvailableBytes / 1024} KiB left)");
        var watch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _diskWatches[node.Index] = (watch, WatchDiskFullAsync(node, watch.Token));
    }

    /// <summary>Ends the watch for a clean stop on the full disk (the schedule takes the node over).</summary>
    private async Task StopWatchingAsync(ChaosNode node)
    {
        if (_diskWatches.Remove(node.Index, out var watch))
        {
            await watch.Cancel.CancelAsync();
            await watch.Task;
            watch.Cancel.Dispose();
        }
    }

    private async Task WatchDiskFullAsync(ChaosNode node, CancellationToken cancellationToken)
    {
        var deadline = _cluster.Clock.Elapsed + DiskFullStopWithin;
        try
        {
            while (node.State != NodeState.Stopped && _cluster.Clock.Elapsed < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            Note($"node {node.Index} kept running on its full disk until the schedule stopped it (RocksDB's preallocated log had room)");
            return;
        }

        if (node.State != NodeState.Stopped)
        {
            Note($"node {node.Index} was still running {DiskFullStopWithin.TotalSeconds:0} s after its disk filled");
            return;
        }

        _crashes.Record(node.Index, _cluster.Clock.Elapsed, "stopped on a full disk");
        var exit = node.Exits[^1];
        log.WriteLine($"  {_cluster.Clock.Elapsed.TotalSeconds,6:F1} s  node {node.Index} stopped on the full disk with exit code {exit.ExitCode}");
        if (exit.ExitCode != FatalExitCode)
        {
            Flag(new Violation(ViolationKind.UnexpectedExit,
                $"node {node.Index} stopped on a full disk with exit code {exit.ExitCode}, not the clean fatal stop ({FatalExitCode}); its log: {_cluster.Root}/node-{node.Index}/node.log"));
        }
    }

    /// <summary>
    /// SIGTERM on a full disk must end cleanly (0, or 70 when the node had already stopped on a failed write), and a
    /// start on a full disk must either serve or refuse with a setup error (2) or a fatal stop (70): never crash or hang.
    /// </summary>
    private async Task RestartOnFullDiskAsync(ChaosNode node)
    {
        await StopWatchingAsync(node);
        if (node.State != NodeState.Stopped)
        {
            await node.TerminateAsync(TimeSpan.FromSeconds(60));
            var stop = node.Exits[^1];
            log.WriteLine($"           (SIGTERM on a full disk: exit code {stop.ExitCode})");
            if (stop.ExitCode is not (0 or FatalExitCode))
            {
                _crashes.Record(node.Index, _cluster.Clock.Elapsed, "crashed stopping on a full disk");
                Flag(new Violation(ViolationKind.UnexpectedExit,
                    $"node {node.Index} stopped on a full disk with exit code {stop.ExitCode} after SIGTERM, not cleanly (0 or {FatalExitCode}); log: node-{node.Index}/node.log"));
            }
        }

        try
        {
            await node.StartAsync(CancellationToken.None, exitExpected: "started on a full disk");
            log.WriteLine($"           (node {node.Index} serves again on its full disk)");
        }
        catch (InvalidOperationException)
        {
            var refusal = node.Exits[^1];
            log.WriteLine($"           (node {node.Index} refused to start on its full disk: exit code {refusal.ExitCode})");
            if (refusal.ExitCode is not (2 or FatalExitCode))
            {
                Flag(new Violation(ViolationKind.UnexpectedExit,
                    $"node {node.Index} started on a full disk and ended with exit code {refusal.ExitCode}, not a clean refusal (2 or {FatalExitCode}); log: node-{node.Index}/node.log"));
            }
        }
    }

    /// <summary>Gives the space back and starts the node on the same data (it must open it: nothing may be corrupt).</summary>
    private async Task FreeAndRestartAsync(ChaosNode node)
    {
        if (!_filled.Remove(node.Index))
        {
            return;
        }

        await StopWatchingAsync(node);
        if (node.State != NodeState.Stopped)
        {
            KillAndRecord(node);
        }

        _cluster.Volumes[node.Index].Free();
        _background.Add(StartAsync(node));
    }

    /// <summary>Exits the schedule did not cause.</summary>
    private void AuditExits()
    {
        foreach (var exit in _cluster.Exits.Where(e => !e.Expected))
        {
            Flag(new Violation(ViolationKind.UnexpectedExit,
                $"node {exit.Node} exited with code {exit.ExitCode} at {exit.At.TotalSeconds:F1} s although nothing stopped it ({exit.Why}); log: node-{exit.Node}/node.log"));
        }
    }
}
