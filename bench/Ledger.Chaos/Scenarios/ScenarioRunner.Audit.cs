using System.Numerics;
using System.Text.Json;
using Ledger.Chaos.Checks;
using Ledger.Chaos.Cluster;
using Ledger.Chaos.Workload;
using Ledger.Core.Primitives;
using Ledger.LoadGen;
using Ledger.LoadGen.Rpc;

namespace Ledger.Chaos.Scenarios;

public sealed partial class ScenarioRunner
{
    private static readonly TimeSpan CommonHeadWithin = TimeSpan.FromSeconds(90);

    /// <summary>
    /// When (on the run's clock) every node's head reached <paramref name="target"/> (the highest head at the heal). Waits
    /// up to four times the bound so a slow convergence is still measured; beyond the bound (from the heal) it is a violation.
    /// </summary>
    private async Task<TimeSpan?> WaitForConvergenceAsync(ulong target, TimeSpan healAt, CancellationToken cancellationToken)
    {
        var limit = healAt + (options.ConvergeWithin * 4);
        while (_cluster.Clock.Elapsed < limit)
        {
            if (_chain.AllReached(target, healAt) is { } at)
            {
                var seconds = Math.Round((at - healAt).TotalSeconds, 1);
                log.WriteLine($"converged at {at.TotalSeconds:F1} s ({seconds:F1} s after the heal)");
                if (at - healAt > options.ConvergeWithin)
                {
                    Flag(new Violation(ViolationKind.NoConvergence, $"the nodes reached head {target} {seconds:F1} s after the heal, beyond the {options.ConvergeWithin.TotalSeconds:0} s bound"));
                }

                return at;
            }

            await Task.Delay(100, cancellationToken);
        }

        var heads = string.Join(", ", Enumerable.Range(0, _cluster.Nodes.Count).Select(n => $"node {n} at {_chain.HeadOf(n)}"));
        Flag(new Violation(ViolationKind.NoConvergence, $"{(limit - healAt).TotalSeconds:0} s after the heal not every node reached head {target}: {heads}"));
        return null;
    }

    /// <summary>
    /// With the load stopped: a height every node holds (the highest head seen when the wait began; idle proposers keep
    /// adding empty blocks, so heads never stand still), once every node reached it and its block there was compared.
    /// </summary>
    private async Task<ulong?> WaitForCommonHeadAsync(CancellationToken cancellationToken)
    {
        var target = _chain.MaxHead;
        var limit = _cluster.Clock.Elapsed + CommonHeadWithin;
        var nodes = Enumerable.Range(0, _cluster.Nodes.Count).ToList();
        while (_cluster.Clock.Elapsed < limit)
        {
            if (nodes.All(n => _chain.HeadOf(n) >= target && _chain.HasSeen(n, target)) && _cluster.Nodes.All(n => n.State == NodeState.Running))
            {
                return target;
            }

            await Task.Delay(250, cancellationToken);
        }

        Flag(new Violation(ViolationKind.NoConvergence,
            $"{CommonHeadWithin.TotalSeconds:0} s after the load stopped not every node holds block {target}: {string.Join(", ", nodes.Select(n => $"node {n} at {_chain.HeadOf(n)} ({_cluster.Nodes[n].State})"))}"));
        return null;
    }

    /// <summary>Each answering node's count of round changes by timeout (<c>ledger_consensus_round_changes_total{reason="timeout"}</c>).</summary>
    private async Task<Dictionary<int, double>> RoundTimeoutsAsync(CancellationToken cancellationToken)
    {
        const string Series = "ledger_consensus_round_changes_total{reason=\"timeout\"}";
        var counts = new Dictionary<int, double>();
        foreach (var node in _cluster.Nodes.Where(n => n.State == NodeState.Running))
        {
            if (await NodeMetricsReader.ReadAsync(node.RpcUrl, cancellationToken) is { } samples)
            {
                counts[node.Index] = samples.GetValueOrDefault(Series);
            }
        }

        return counts;
    }

    /// <summary>Timeouts after minus before, over nodes that answered both times without restarting (a counter only grows).</summary>
    private static int RoundTimeoutsSince(Dictionary<int, double> before, Dictionary<int, double> after) =>
        (int)before.Where(b => after.TryGetValue(b.Key, out var a) && a >= b.Value).Sum(b => after[b.Key] - b.Value);

    private async Task ReadReceiptsAsync(IReadOnlyCollection<PaymentRecord> records, CancellationToken cancellationToken)
    {
        var committed = records.Where(r => r.Height is not null).ToList();
        using var rpc = new JsonRpcClient(_cluster.Nodes.First(n => n.State == NodeState.Running).RpcUrl, timeout: TimeSpan.FromSeconds(30));
        for (var start = 0; start < committed.Count; start += 100)
        {
            var slice = committed.Skip(start).Take(100).ToList();
            var answers = await rpc.BatchAsync([.. slice.Select(r => new JsonRpcCall("eth_getTransactionReceipt", r.Payment.Hash))], cancellationToken);
            for (var i = 0; i < slice.Count; i++)
            {
                if (answers[i].Error is null && answers[i].Result.ValueKind == JsonValueKind.Object)
                {
                    lock (slice[i].Sync)
                    {
                        slice[i].Succeeded = answers[i].Result.GetQuantity("status") == 1;
                    }
                }
            }
        }
    }

    /// <summary>At the common head, on every node: tracked balances against the committed payments, and every token's supply.</summary>
    private async Task AuditStateAsync(
        ulong block,
        IReadOnlyDictionary<(Address, Address), BigInteger> initial,
        IReadOnlyList<Address> tracked,
        IReadOnlyCollection<PaymentRecord> records,
        CancellationToken cancellationToken)
    {
        var succeeded = records.Where(r => r.Height is not null && r.Succeeded == true).Select(r => r.Payment).ToList();
        var supplies = new Dictionary<int, IReadOnlyList<TokenSupply>>();
        foreach (var node in _cluster.Nodes)
        {
            using var rpc = new JsonRpcClient(node.RpcUrl, timeout: TimeSpan.FromSeconds(30));
            var balances = await LedgerSnapshot.BalancesAsync(rpc, block, [ChaosChain.Usda, ChaosChain.Eurb], tracked, cancellationToken);
            foreach (var violation in BalanceAudit.Run(initial, succeeded, node.Index, block, balances))
            {
                Flag(violation);
            }

            supplies[node.Index] = await LedgerSnapshot.SuppliesAsync(rpc, block, ChaosChain.Tokens, cancellationToken);
        }

        foreach (var violation in SupplyAudit.Run(block, supplies))
        {
            Flag(violation);
        }
    }

    private async Task<IReadOnlyDictionary<(Address, Address), BigInteger>> ReadInitialBalancesAsync(ulong block, IReadOnlyList<Address> tracked, CancellationToken cancellationToken)
    {
        using var rpc = new JsonRpcClient(_cluster.Nodes[FirstHealthyForSetup()].RpcUrl, timeout: TimeSpan.FromSeconds(30));
        return await LedgerSnapshot.BalancesAsync(rpc, block, [ChaosChain.Usda, ChaosChain.Eurb], tracked, cancellationToken);
    }

    private async Task<IReadOnlyList<ulong>> ReadNoncesAsync(IReadOnlyList<LoadAccount> accounts, CancellationToken cancellationToken)
    {
        using var rpc = new JsonRpcClient(_cluster.Nodes[FirstHealthyForSetup()].RpcUrl, timeout: TimeSpan.FromSeconds(30));
        var answers = await rpc.BatchAsync([.. accounts.Select(a => new JsonRpcCall("eth_getTransactionCount", a.Address.ToString(), "latest"))], cancellationToken);
        return [.. answers.Select((a, i) => a.Error is null
            ? LedgerRpcExtensions.ParseQuantity(a.Result, "eth_getTransactionCount")
            : throw new InvalidOperationException($"nonce of account {i}: {a.Error}"))];
    }
}
