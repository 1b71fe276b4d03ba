using Ledger.Chaos.Cluster;
using Ledger.LoadGen.Rpc;

namespace Ledger.Chaos.Scenarios;

public sealed partial class ScenarioRunner
{
    /// <summary>
    /// The moment after a heal when every node is up: each process started (the heal awaits every restart's ready line)
    /// AND its JSON-RPC answers <c>eth_blockNumber</c>. Convergence measured from here, rather than from the heal,
    /// leaves out the machine's process-start time (20–45 s on a loaded 2-core host), so a reader can tell a slow restart
    /// from a consensus stall. Bounded by the same window as convergence; null if some node never answered.
    /// </summary>
    private async Task<TimeSpan?> WaitUntilAllUpAsync(TimeSpan healAt, CancellationToken cancellationToken)
    {
        var limit = healAt + (options.ConvergeWithin * 4);
        var pending = _cluster.Nodes.ToList();
        while (_cluster.Clock.Elapsed < limit)
        {
            var answered = new List<ChaosNode>();
            foreach (var node in pending.Where(n => n.State == NodeState.Running))
            {
                if (await AnswersAsync(node, cancellationToken))
                {
                    answered.Add(node);
                }
            }

            pending.RemoveAll(answered.Contains);
            if (pending.Count == 0)
            {
                var at = _cluster.Clock.Elapsed;
                log.WriteLine($"every node up at {at.TotalSeconds:F1} s ({(at - healAt).TotalSeconds:F1} s after the heal)");
                return at;
            }

            await Task.Delay(100, cancellationToken);
        }

        Note($"{(limit - healAt).TotalSeconds:0} s after the heal node(s) {string.Join(", ", pending.Select(n => n.Index))} still did not answer JSON-RPC");
        return null;
    }

    private static async Task<bool> AnswersAsync(ChaosNode node, CancellationToken cancellationToken)
    {
        try
        {
            using var rpc = new JsonRpcClient(node.RpcUrl, maxConnections: 1, timeout: TimeSpan.FromSeconds(2));
            var answer = await rpc.TryCallAsync("eth_blockNumber", [], cancellationToken);
            return !answer.IsError;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or IOException or JsonRpcException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
