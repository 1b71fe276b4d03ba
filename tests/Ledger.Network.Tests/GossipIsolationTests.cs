using Ledger.Consensus.Messages;

namespace Ledger.Network.Tests;

/// <summary>
/// Transaction gossip does not share fate with consensus: it has its own bounded per-peer queue, a full one drops gossip
/// (counted) and never closes the stream, and inbound batches are bounded in count and bytes.
/// </summary>
public sealed class GossipIsolationTests
{
    private readonly List<byte[]> _received = [];

    [Fact]
    public async Task Gossip_to_a_peer_that_stops_reading_is_dropped_for_it_and_its_stream_stays_up_for_consensus()
    {
        await using var cluster = await NetworkCluster.StartAsync(2, o => o with { GossipQueueCapacity = 16, OutboundQueueCapacity = 64 });
        var hub = cluster[0];
        await using var stuck = await RawPeer.ConnectAsync(TestKeys.Options(TestKeys.Validators[2]), cluster.Nodes[0].Endpoint);
        await Eventually.True(() => hub.ConnectedPeerCount == 2, "the stuck peer is connected");

        var blob = new byte[32 * 1024];
        const int Count = 300;
        for (var i = 0; i < Count; i++)
        {
            blob[0] = (byte)i;
            hub.GossipTransactions([(byte[])blob.Clone()]);
            if (i % 8 == 7)
            {
                await WaitReceived(cluster[1], i + 1);
            }
        }

        await WaitReceived(cluster[1], Count);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => (byte)i), _received.Select(tx => tx[0]));
        Assert.True(hub.DroppedGossip > 0, "gossip for the stuck peer was dropped once its gossip queue was full");
        Assert.Equal(0, hub.SlowPeerDisconnects);
        Assert.Equal(2, hub.ConnectedPeerCount);
        Assert.Equal(2, hub.Broadcast(PeerNetworkTests.Prepare(0, height: 3))); // its consensus queue still takes messages
    }

    [Fact]
    public async Task A_batch_over_the_count_or_byte_limit_is_dropped_whole_and_the_stream_stays_up()
    {
        await using var cluster = await NetworkCluster.StartAsync(1, o => o with { MaxTransactionsPerBatch = 8 });
        var node = cluster[0];
        await using var peer = await RawPeer.ConnectAsync(TestKeys.Options(TestKeys.Validators[1]), cluster.Nodes[0].Endpoint);
        await Eventually.True(() => node.ConnectedPeerCount == 1, "the raw peer is connected");

        await peer.SendAsync(Batch(9, 10));                       // one transaction too many
        await peer.SendAsync(Batch(2, (1024 * 1024 / 2) + 1));    // one byte over 1 MiB in all
        await peer.SendAsync(Batch(3, 100));                      // within both limits

        var arrived = await Inbox.Next(node.Transactions);
        Assert.Equal(3, arrived.Transactions.Count);
        Assert.Equal(2, node.OversizedTransactionBatches);
        Assert.Equal(1, node.ConnectedPeerCount);
    }

    [Fact]
    public async Task Many_transactions_gossiped_at_once_leave_in_batches_within_both_limits()
    {
        await using var cluster = await NetworkCluster.StartAsync(2, o => o with { MaxTransactionsPerBatch = 10 });
        var transactions = Enumerable.Range(0, 25).Select(i => new byte[200 * 1024]).ToArray();

        cluster[0].GossipTransactions(transactions);

        var sizes = new List<int>();
        while (sizes.Sum() < transactions.Length)
        {
            var batch = await Inbox.Next(cluster[1].Transactions);
            Assert.True(batch.Transactions.Sum(t => t.Length) <= 1024 * 1024, "a batch stays within MaxTransactionBatchBytes");
            sizes.Add(batch.Transactions.Count);
        }

        Assert.All(sizes, n => Assert.InRange(n, 1, 5)); // 5 × 200 KiB fit 1 MiB, a sixth does not
        Assert.Equal(0, cluster[1].OversizedTransactionBatches);
    }

    private static Protos.PeerEnvelope Batch(int count, int bytesEach)
    {
        var batch = new Protos.TransactionBatch();
        for (var i = 0; i < count; i++)
        {
            batch.Transactions.Add(Google.Protobuf.ByteString.CopyFrom(new byte[bytesEach]));
        }

        return new Protos.PeerEnvelope { Transactions = batch };
    }

    private async Task WaitReceived(PeerNetwork network, int count)
    {
        while (_received.Count < count)
        {
            _received.AddRange((await Inbox.Next(network.Transactions)).Transactions);
        }
    }
}
