using Ledger.Chaos.Checks;
using Ledger.Chaos.Cluster;

namespace Ledger.Chaos.Scenarios;

public sealed partial class ScenarioRunner
{
    /// <summary>Exit code of a node that stopped on a fatal storage error (HostFatalErrorHandler.FatalExitCode).</summary>
    private const int FatalExitCode = 70;

    private static readonly TimeSpan DiskFullStopWithin = TimeSpan.FromSeconds(60);

    /// <summary>Fills the node's tmpfs and watches for the clean stop a failed write must cause.</summary>
    private void FillAndWatch(ChaosNode node, CancellationToken cancellationToken)
    {
        var volume = _cluster.Volumes[node.Index];
        _filled.Add(node.Index);
        node.ExpectExit("disk full");
        var taken = volume.Fill(leaveBytes: 16 * 1024);
        log.WriteLine($"           (took {taken / 1048576.0:F1} MiB; {volume.AvailableBytes / 1024} KiB left)");
        _background.Add(WatchDiskFullAsync(node, cancellationToken));
    }

    private async Task WatchDiskFullAsync(ChaosNode node, CancellationToken cancellationToken)
    {
        var deadline = _cluster.Clock.Elapsed + DiskFullStopWithin;
        while (node.State != NodeState.Stopped && _cluster.Clock.Elapsed < deadline)
        {
            await Task.Delay(200, cancellationToken);
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

    /// <summary>Gives the space back and starts the node on the same data (it must open it: nothing may be corrupt).</summary>
    private async Task FreeAndRestartAsync(ChaosNode node)
    {
        if (!_filled.Remove(node.Index))
        {
            return;
        }

        await AwaitBackgroundAsync();
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
