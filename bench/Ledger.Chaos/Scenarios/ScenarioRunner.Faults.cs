using System.Text.Json;
using Ledger.Chaos.Checks;
using Ledger.Chaos.Cluster;
using Ledger.Core.Primitives;
using Ledger.LoadGen.Rpc;

namespace Ledger.Chaos.Scenarios;

public sealed partial class ScenarioRunner
{
    private readonly List<Task> _background = [];
    private readonly HashSet<int> _filled = [];
    private int _killedProposer = -1;

    /// <summary>Runs each step of <paramref name="segment"/> at its time after <paramref name="windowStart"/>, then waits out the window.</summary>
    private async Task RunSegmentAsync(ScenarioSegment segment, TimeSpan windowStart, CancellationToken cancellationToken)
    {
        log.WriteLine($"  {_cluster.Clock.Elapsed.TotalSeconds,6:F1} s  {segment.Class}: fault window of {segment.WindowSeconds:F0} s opens");
        foreach (var step in segment.Steps)
        {
            await WaitUntilAsync(windowStart + TimeSpan.FromSeconds(step.AtSeconds), cancellationToken);
            log.WriteLine($"  {_cluster.Clock.Elapsed.TotalSeconds,6:F1} s  {step.Action.Describe()}");
            Count(step.Action);
            await ExecuteAsync(step.Action, cancellationToken);
        }

        await WaitUntilAsync(windowStart + TimeSpan.FromSeconds(segment.WindowSeconds), cancellationToken);
    }

    private async Task WaitUntilAsync(TimeSpan at, CancellationToken cancellationToken)
    {
        var wait = at - _cluster.Clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    private async Task ExecuteAsync(FaultAction action, CancellationToken cancellationToken)
    {
        var nodes = _cluster.Nodes;
        switch (action)
        {
            case SetLink link:
                _cluster.Mesh.Set(link.From, link.To, link.Faults);
                break;
            case ResetLink reset:
                _cluster.Mesh.Reset(reset.A, reset.B);
                break;
            case KillNode kill:
                var victim = kill.Node ?? await ProposerAsync(cancellationToken);
                if (kill.Node is null)
                {
                    _killedProposer = victim;
                    log.WriteLine($"           (the proposer is node {victim})");
                }

                KillAndRecord(nodes[victim]);
                break;
            case StartNode start:
                var node = nodes[start.Node == StartNode.KilledProposer ? Math.Max(0, _killedProposer) : start.Node];
                if (start.Wipe)
                {
                    node.Wipe();
                    _observers[node.Index].Wiped();
                    _crashes.Record(node.Index, _cluster.Clock.Elapsed, "data wiped");
                }

                StartInBackground(node);
                break;
            case PauseProposer pause:
                var paused = nodes[await ProposerAsync(cancellationToken)];
                log.WriteLine($"           (the proposer is node {paused.Index})");
                paused.Pause();
                _background.Add(ResumeLaterAsync(paused, TimeSpan.FromSeconds(pause.Seconds), cancellationToken));
                break;
            case RestartAll all:
                if (all.Graceful)
                {
                    await Task.WhenAll(nodes.Select(n => n.TerminateAsync(TimeSpan.FromSeconds(60))));
                }
                else
                {
                    foreach (var n in nodes)
                    {
                        KillAndRecord(n);
                    }
                }

                await Task.Delay(TimeSpan.FromSeconds(all.DownSeconds), cancellationToken);
                foreach (var n in nodes)
                {
                    StartInBackground(n);
                }

                break;
            case FillDisk fill:
                FillAndWatch(nodes[fill.Node], cancellationToken);
                break;
            case RestartOnFullDisk restart:
                await RestartOnFullDiskAsync(nodes[restart.Node]);
                break;
            case FreeDisk free:
                await FreeAndRestartAsync(nodes[free.Node]);
                break;
            case FixClock fix:
                await nodes[fix.Node].TerminateAsync(TimeSpan.FromSeconds(60));
                nodes[fix.Node].ClockOffsetSeconds = 0;
                StartInBackground(nodes[fix.Node]);
                break;
            default:
                throw new InvalidOperationException($"no executor for {action}");
        }
    }

    /// <summary>At the end of the window: links cleared, paused nodes resumed, stopped nodes started, skewed clocks fixed if planned.</summary>
    private async Task HealAsync(ScenarioSegment segment, CancellationToken cancellationToken)
    {
        _cluster.Mesh.ClearAll();
        foreach (var node in _cluster.Nodes.Where(n => n.State == NodeState.Paused))
        {
            node.Resume();
        }

        await AwaitBackgroundAsync();
        foreach (var node in _cluster.Nodes)
        {
            if (_filled.Contains(node.Index))
            {
                await FreeAndRestartAsync(node);
            }
            else if (segment.FixClockAtHeal && node.ClockOffsetSeconds != 0)
            {
                await ExecuteAsync(new FixClock(node.Index), cancellationToken);
            }
            else if (node.State == NodeState.Stopped)
            {
                StartInBackground(node);
            }
        }

        await AwaitBackgroundAsync();
    }

    private async Task AwaitBackgroundAsync()
    {
        while (_background.Count > 0)
        {
            var pending = _background.ToArray();
            _background.Clear();
            await Task.WhenAll(pending);
        }
    }

    private void KillAndRecord(ChaosNode node)
    {
        if (node.State == NodeState.Stopped)
        {
            return;
        }

        node.Kill();
        _crashes.Record(node.Index, _cluster.Clock.Elapsed, "SIGKILL");
    }

    private void StartInBackground(ChaosNode node)
    {
        if (node.State != NodeState.Stopped)
        {
            return;
        }

        _background.Add(StartAsync(node));
    }

    private async Task StartAsync(ChaosNode node)
    {
        try
        {
            await node.StartAsync(CancellationToken.None);
        }
        catch (InvalidOperationException ex)
        {
            if (node.Exits.Count > 0 && node.Exits[^1].Expected)
            {
                Note($"node {node.Index} was stopped by the schedule ({node.Exits[^1].Why}) before it was ready");
                return;
            }

            Flag(new Violation(ViolationKind.DataCorrupted, $"node {node.Index} did not start again: {ex.Message}"));
        }
    }

    private async Task ResumeLaterAsync(ChaosNode node, TimeSpan after, CancellationToken cancellationToken)
    {
        await Task.Delay(after, cancellationToken);
        log.WriteLine($"  {_cluster.Clock.Elapsed.TotalSeconds,6:F1} s  SIGCONT node {node.Index}");
        node.Resume();
    }

    /// <summary>The proposer of the current round as a running node reports it (ledger_consensusStatus); a running node if none answers.</summary>
    private async Task<int> ProposerAsync(CancellationToken cancellationToken)
    {
        foreach (var node in _cluster.Nodes.Where(n => n.State == NodeState.Running))
        {
            try
            {
                using var rpc = new JsonRpcClient(node.RpcUrl, timeout: TimeSpan.FromSeconds(3));
                var status = await rpc.CallAsync("ledger_consensusStatus", [], cancellationToken);
                var proposer = Address.Parse(status.GetProperty("proposer").GetString()!);
                var index = _cluster.Nodes.ToList().FindIndex(n => n.Address == proposer);
                if (index >= 0)
                {
                    return index;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonRpcException or KeyNotFoundException or FormatException or JsonException)
            {
                // ask the next node
            }
        }

        return _cluster.Nodes.First(n => n.State == NodeState.Running).Index;
    }
}
