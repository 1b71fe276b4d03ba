using Ledger.Core.Crypto;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Rpc;
using Xunit.Abstractions;

namespace Ledger.IntegrationTests;

/// <summary>Four real validator processes running QBFT over their gRPC peer streams (DESIGN.md §4-5).</summary>
public sealed class ConsensusTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly int[] Senders = [4, 5, 6, 7];

    [Fact]
    public async Task Transactions_sent_round_robin_to_four_validators_are_all_final_and_every_node_has_the_same_chain()
    {
        using var cluster = ConsensusCluster.Start();
        var hashes = await SendRoundRobinAsync(cluster, [0, 1, 2, 3], perSender: 10);

        await AssertFinalEverywhereAsync(cluster, [0, 1, 2, 3], hashes);
        await cluster.AssertSameChainAsync([0, 1, 2, 3]);
    }

    [Fact]
    public async Task A_killed_validator_does_not_stop_the_others_and_catches_up_after_a_restart()
    {
        using var cluster = ConsensusCluster.Start();
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), 2, Patience);

        cluster.Node(3).Kill();
        var hashes = await SendRoundRobinAsync(cluster, [0, 1, 2], perSender: 5);
        await AssertFinalEverywhereAsync(cluster, [0, 1, 2], hashes);
        var head = await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), 8, Patience);
        output.WriteLine($"three validators reached block {head} without the fourth");

        cluster.Node(3).Restart();
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(3), head, Patience);
        await AssertFinalEverywhereAsync(cluster, [3], hashes);
        await cluster.AssertSameChainAsync([0, 1, 2, 3]);
    }

    [Fact]
    public async Task A_validator_with_a_fresh_data_directory_syncs_the_chain_and_takes_part_again()
    {
        using var cluster = ConsensusCluster.Start();
        var hashes = await SendRoundRobinAsync(cluster, [0, 1, 2, 3], perSender: 5);
        await AssertFinalEverywhereAsync(cluster, [0], hashes);
        var head = await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), 5, Patience);

        cluster.Remove(2);
        cluster.StartNode(2);
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(2), head, Patience);
        await AssertFinalEverywhereAsync(cluster, [2], hashes);

        // It proposes and votes again: with it, a later transaction is final on all four.
        var later = await SendRoundRobinAsync(cluster, [2], perSender: 1);
        await AssertFinalEverywhereAsync(cluster, [0, 1, 2, 3], later);
        await cluster.AssertSameChainAsync([0, 1, 2, 3]);
    }

    /// <summary>Each sender's transfers in nonce order, spread over the nodes so consecutive nonces go to different nodes.</summary>
    private static async Task<List<string>> SendRoundRobinAsync(ConsensusCluster cluster, int[] nodes, int perSender)
    {
        var clients = nodes.Select(n => new JsonRpcClient(cluster.Node(n).RpcUrl)).ToArray();
        try
        {
            var hashes = new List<string>();
            var next = 0;
            foreach (var sender in Senders)
            {
                var nonce = await clients[0].GetTransactionCountAsync(DevKeys.Address(sender), "pending");
                for (var k = 0; k < perSender; k++)
                {
                    var tx = DevTransactions.Transfer(sender, nonce + (ulong)k, DevKeys.Address((sender + 1 + k) % 10), 1);
                    var client = clients[next++ % clients.Length];
                    Assert.Equal(tx.Hash.ToString(), await client.SendRawTransactionAsync(tx.Raw));
                    hashes.Add(tx.Hash.ToString());
                }
            }

            return hashes;
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task AssertFinalEverywhereAsync(ConsensusCluster cluster, int[] nodes, List<string> hashes)
    {
        foreach (var n in nodes)
        {
            using var rpc = new JsonRpcClient(cluster.Node(n).RpcUrl);
            foreach (var hash in hashes)
            {
                var receipt = await rpc.WaitForReceiptAsync(hash, Patience);
                Assert.Equal(1UL, receipt.GetQuantity("status"));
            }
        }
    }
}
