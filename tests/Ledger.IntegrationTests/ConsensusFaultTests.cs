using Ledger.Core.Crypto;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Rpc;
using Xunit.Abstractions;

namespace Ledger.IntegrationTests;

/// <summary>QBFT under faults: lost quorum, a killed proposer, and a node outside the consortium (issue #3).</summary>
public sealed class ConsensusFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private const int Sender = 4;

    [Fact]
    public async Task Two_of_four_validators_down_finalise_nothing_and_progress_resumes_when_one_returns()
    {
        using var cluster = ConsensusCluster.Start();
        await FinaliseTransferAsync(cluster, 0);
        cluster.Node(2).Kill();
        cluster.Node(3).Kill();

        // Two of four is below the quorum of three: a transfer sent now must stay unfinalised.
        using var rpc = new JsonRpcClient(cluster.Node(0).RpcUrl);
        var before = await rpc.BlockNumberAsync();
        var pending = await SendTransferAsync(cluster, 0);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(before, await rpc.BlockNumberAsync());
        using (var other = new JsonRpcClient(cluster.Node(1).RpcUrl))
        {
            Assert.Equal(before, await other.BlockNumberAsync());
        }

        await cluster.AssertSameChainAsync([0, 1]);

        cluster.Node(2).Restart();
        var receipt = await rpc.WaitForReceiptAsync(pending, Patience);
        Assert.Equal(1UL, receipt.GetQuantity("status"));
        var head = await ConsensusCluster.WaitForHeightAsync(cluster.Node(2), before + 1, Patience);
        output.WriteLine($"progress resumed at block {head} with three validators");
        await cluster.AssertSameChainAsync([0, 1, 2]);
    }

    [Fact]
    public async Task Killing_the_next_proposer_twice_in_a_row_does_not_stop_the_chain()
    {
        using var cluster = ConsensusCluster.Start();
        await FinaliseTransferAsync(cluster, 0);

        for (var kill = 0; kill < 2; kill++)
        {
            var (next, proposer) = await NextProposerAsync(cluster);
            output.WriteLine($"killing validator {proposer}, proposer of block {next}");
            cluster.Node(proposer).Kill();

            // The other three move to the next round and finalise the block without it.
            await FinaliseTransferAsync(cluster, (proposer + 1) % cluster.Count);
            cluster.Node(proposer).Restart();
            await ConsensusCluster.WaitForHeightAsync(cluster.Node(proposer), next, Patience);
        }

        await FinaliseTransferAsync(cluster, 0);
        await cluster.AssertSameChainAsync([0, 1, 2, 3]);
    }

    [Fact]
    public async Task A_node_outside_the_consortium_is_never_connected_and_the_cluster_keeps_finalising()
    {
        using var cluster = ConsensusCluster.Start();
        await FinaliseTransferAsync(cluster, 0);
        using var outsider = cluster.StartOutsider(19);
        var outsiderAddress = DevKeys.Address(19).ToString();

        for (var i = 0; i < 3; i++)
        {
            await FinaliseTransferAsync(cluster, i % cluster.Count);
            for (var n = 0; n < cluster.Count; n++)
            {
                using var rpc = new JsonRpcClient(cluster.Node(n).RpcUrl);
                var count = (await rpc.CallAsync("net_peerCount")).GetString();
                Assert.True(count is "0x3" or "0x2" or "0x1" or "0x0", $"validator {n} counts {count} peers, more than the other three validators");
                var peers = (await rpc.CallAsync("ledger_consensusStatus")).GetProperty("peers").EnumerateArray().Select(p => p.GetString()).ToList();
                Assert.DoesNotContain(peers, p => string.Equals(p, outsiderAddress, StringComparison.OrdinalIgnoreCase));
            }
        }

        using var outsiderRpc = new JsonRpcClient(outsider.RpcUrl);
        Assert.Equal("0x0", (await outsiderRpc.CallAsync("net_peerCount")).GetString());
        Assert.Equal(0UL, await outsiderRpc.BlockNumberAsync());
        await cluster.AssertSameChainAsync([0, 1, 2, 3]);
    }

    /// <summary>The index of the proposer node 0 reports for the height it is deciding (validators[(height + round) mod n]).</summary>
    private static async Task<(ulong Height, int Index)> NextProposerAsync(ConsensusCluster cluster)
    {
        using var rpc = new JsonRpcClient(cluster.Node(0).RpcUrl);
        var status = await rpc.CallAsync("ledger_consensusStatus");
        var height = status.GetQuantity("height");
        var proposer = status.GetText("proposer");
        var validators = cluster.Validators;
        for (var i = 0; i < validators.Count; i++)
        {
            if (string.Equals(validators[i].ToString(), proposer, StringComparison.OrdinalIgnoreCase))
            {
                Assert.Equal(validators[(int)((height + status.GetQuantity("round")) % (ulong)validators.Count)], validators[i]);
                return (height, i);
            }
        }

        throw new InvalidOperationException($"proposer {proposer} is not a validator");
    }

    private static async Task<string> SendTransferAsync(ConsensusCluster cluster, int node)
    {
        using var rpc = new JsonRpcClient(cluster.Node(node).RpcUrl);
        var nonce = await rpc.GetTransactionCountAsync(DevKeys.Address(Sender), "pending");
        var tx = DevTransactions.Transfer(Sender, nonce, DevKeys.Address(Sender + 1), 1);
        Assert.Equal(tx.Hash.ToString(), await rpc.SendRawTransactionAsync(tx.Raw));
        return tx.Hash.ToString();
    }

    private static async Task FinaliseTransferAsync(ConsensusCluster cluster, int node)
    {
        var hash = await SendTransferAsync(cluster, node);
        using var rpc = new JsonRpcClient(cluster.Node(node).RpcUrl);
        var receipt = await rpc.WaitForReceiptAsync(hash, Patience);
        Assert.Equal(1UL, receipt.GetQuantity("status"));
    }
}
