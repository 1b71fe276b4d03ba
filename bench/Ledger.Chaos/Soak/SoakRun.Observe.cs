using System.Diagnostics;
using System.Text.Json;
using Ledger.Chaos.Checks;
using Ledger.Chaos.Cluster;
using Ledger.Core.Primitives;
using Ledger.LoadGen.Chain;
using Ledger.LoadGen.Rpc;

namespace Ledger.Chaos.Soak;

public sealed partial class SoakRun
{
    /// <summary>Counts committed transactions from <paramref name="firstBlock"/> on, block by block, on one node.</summary>
    private async Task CountCommitsAsync(JsonRpcClient rpc, ulong firstBlock, CancellationToken stop)
    {
        var next = firstBlock;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var head = await rpc.BlockNumberAsync(stop);
                while (next <= head && !stop.IsCancellationRequested)
                {
                    var block = await rpc.GetBlockAsync(next, stop) ?? throw new InvalidOperationException($"block {next} missing below head {head}");
                    Interlocked.Add(ref _committed, block.GetProperty("transactions").GetArrayLength());
                    next++;
                }

                await Task.Delay(500, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonRpcException)
            {
                await Task.Delay(1_000, CancellationToken.None);
            }
        }
    }

    /// <summary>Every <see cref="SoakOptions.SampleSeconds"/>: each node's RSS and its pool, filter, peer-queue and height gauges.</summary>
    private async Task SampleAsync(ChaosCluster cluster, Stopwatch clock, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var node in cluster.Nodes)
            {
                var metrics = await NodeMetricsReader.ReadAsync(node.RpcUrl, CancellationToken.None) ?? new Dictionary<string, double>();
                var sample = new SoakSample(
                    Math.Round(clock.Elapsed.TotalSeconds, 1),
                    node.Index,
                    Interlocked.Read(ref _submitted),
                    Interlocked.Read(ref _committed),
                    Math.Round((node.ResidentBytes() ?? 0) / 1048576.0, 1),
                    metrics.GetValueOrDefault("ledger_txpool_size"),
                    metrics.GetValueOrDefault("ledger_rpc_filters"),
                    metrics.GetValueOrDefault("ledger_peer_outbound_queued"),
                    metrics.GetValueOrDefault("ledger_block_height"));
                lock (_samples)
                {
                    _samples.Add(sample);
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(options.SampleSeconds), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// An indexer-like client: a block filter and a Transfer log filter polled every 5 s, and once a minute a new filter
    /// installed and never polled again (the node must expire it after 5 minutes, so the count stays bounded).
    /// </summary>
    private async Task FilterClientAsync(Uri node, CancellationToken stop)
    {
        using var rpc = new JsonRpcClient(node, timeout: TimeSpan.FromSeconds(30));
        var transferTopic = Hex.Encode(Ledger.Core.Crypto.Keccak256.Hash("Transfer(address,address,uint256)"u8).ToArray());
        string? blocks = null;
        string? logs = null;
        var abandonedAt = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                blocks ??= (await rpc.CallAsync("eth_newBlockFilter", [], stop)).GetString();
                logs ??= (await rpc.CallAsync("eth_newFilter", [new Dictionary<string, object> { ["address"] = DevChain.Usda.ToString(), ["topics"] = new[] { transferTopic } }], stop)).GetString();
                await rpc.CallAsync("eth_getFilterChanges", [blocks], stop);
                await rpc.CallAsync("eth_getFilterChanges", [logs], stop);
                if (abandonedAt.Elapsed >= TimeSpan.FromMinutes(1))
                {
                    await rpc.CallAsync("eth_newBlockFilter", [], stop);
                    abandonedAt.Restart();
                }

                await Task.Delay(5_000, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonRpcException or JsonException)
            {
                // A filter that expired (or a busy node): install it again next round.
                blocks = null;
                logs = null;
                await Task.Delay(5_000, CancellationToken.None);
            }
        }
    }
}
