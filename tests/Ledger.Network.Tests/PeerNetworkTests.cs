using Ledger.Consensus.Messages;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Network.Tests;

public sealed class PeerNetworkTests
{
    [Fact]
    public async Task Two_nodes_connect_and_exchange_consensus_messages_both_ways()
    {
        await using var cluster = await NetworkCluster.StartAsync(2);
        var fromFirst = Prepare(0, height: 7);
        var fromSecond = Prepare(1, height: 8);

        Assert.Equal(1, cluster[0].Broadcast(fromFirst));
        Assert.Equal(1, cluster[1].Broadcast(fromSecond));

        var atSecond = await Inbox.Next(cluster[1].ConsensusMessages);
        var atFirst = await Inbox.Next(cluster[0].ConsensusMessages);
        Assert.Equal(cluster[0].Self, atSecond.From);
        Assert.Equal(ConsensusMessageCodec.Encode(fromFirst), ConsensusMessageCodec.Encode(atSecond.Message));
        Assert.Equal(cluster[1].Self, atFirst.From);
        Assert.Equal(ConsensusMessageCodec.Encode(fromSecond), ConsensusMessageCodec.Encode(atFirst.Message));
        Assert.Equal([cluster[1].Self], cluster[0].ConnectedPeers);
    }

    [Fact]
    public async Task Four_nodes_form_a_full_mesh_and_every_broadcast_reaches_the_three_others()
    {
        await using var cluster = await NetworkCluster.StartAsync(4);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(3, cluster[i].Broadcast(Prepare(i, height: (ulong)(100 + i))));
        }

        for (var i = 0; i < 4; i++)
        {
            var received = await Inbox.Take(cluster[i].ConsensusMessages, 3);
            var senders = received.Select(m => m.From).OrderBy(a => a).ToArray();
            var expected = Enumerable.Range(0, 4).Where(j => j != i).Select(j => cluster[j].Self).OrderBy(a => a).ToArray();
            Assert.Equal(expected, senders);
            // Each message came from the node whose stream carried it (the network does not relay).
            Assert.All(received, m => Assert.Equal(100UL + (ulong)TestKeys.ValidatorAddresses.ToList().IndexOf(m.From), m.Message.Height));
        }

        var statuses = cluster[0].PeerStatuses();
        Assert.Equal(3, statuses.Count);
        Assert.All(statuses, s => Assert.True(s.Connected));
    }

    [Fact]
    public async Task Gossiped_transactions_reach_every_other_node_and_SendTo_reaches_only_its_target()
    {
        await using var cluster = await NetworkCluster.StartAsync(4);
        byte[][] transactions = [[0x02, 1, 2, 3], [0x02, 4, 5], [0x02, 6]];

        Assert.Equal(3, cluster[0].GossipTransactions(transactions));
        for (var i = 1; i < 4; i++)
        {
            var batch = await Inbox.Next(cluster[i].Transactions);
            Assert.Equal(cluster[0].Self, batch.From);
            Assert.Equal(transactions, batch.Transactions);
        }

        var direct = Prepare(0, height: 42);
        Assert.True(cluster[0].SendTo(cluster[2].Self, direct));
        Assert.Equal(42UL, (await Inbox.Next(cluster[2].ConsensusMessages)).Message.Height);
        // A broadcast sent afterwards is the first thing the others see: the direct message went to node 2 only.
        cluster[0].Broadcast(Prepare(0, height: 43));
        Assert.Equal(43UL, (await Inbox.Next(cluster[1].ConsensusMessages)).Message.Height);
        Assert.Equal(43UL, (await Inbox.Next(cluster[3].ConsensusMessages)).Message.Height);
        Assert.False(cluster[0].SendTo(TestKeys.Outsider(_ => true).Address, direct));
    }

    [Fact]
    public async Task Malformed_consensus_bytes_are_dropped_and_counted_without_closing_the_stream()
    {
        await using var cluster = await NetworkCluster.StartAsync(2);

        cluster[0].Broadcast([0xde, 0xad, 0xbe, 0xef]);
        cluster[0].Broadcast(Prepare(0, height: 5));

        Assert.Equal(5UL, (await Inbox.Next(cluster[1].ConsensusMessages)).Message.Height);
        Assert.Equal(1, cluster[1].MalformedMessages);
        Assert.Equal(1, cluster[1].ConnectedPeerCount);
    }

    [Fact]
    public async Task The_dialling_node_reconnects_after_its_peer_stops_and_restarts_on_the_same_port()
    {
        var dialer = TestKeys.ByAddress[0];
        var listener = TestKeys.ByAddress[1];
        var listenerNode = await NetworkNode.StartAsync(TestKeys.Options(listener));
        listenerNode.Network.Start();
        var port = listenerNode.Server.Port;
        await using var dialerNode = await NetworkNode.StartAsync(TestKeys.Options(dialer, [listenerNode.Endpoint]));
        dialerNode.Network.Start();
        await Eventually.True(() => dialerNode.Network.ConnectedPeerCount == 1, "first connection");

        await listenerNode.DisposeAsync();
        await Eventually.True(() => dialerNode.Network.ConnectedPeerCount == 0, "the dialer notices the peer is gone");
        await Eventually.True(() => dialerNode.Network.PeerStatuses()[0].LastError is not null, "a failed redial is recorded");

        await using var restarted = await NetworkNode.StartAsync(TestKeys.Options(listener), port);
        restarted.Network.Start();
        await Eventually.True(() => dialerNode.Network.ConnectedPeerCount == 1, "the dialer reconnects with backoff");

        dialerNode.Network.Broadcast(Prepare(TestKeys.Validators.ToList().IndexOf(dialer), height: 9));
        var received = await Inbox.Next(restarted.Network.ConsensusMessages);
        Assert.Equal(dialer.Address, received.From);
        Assert.Equal(9UL, received.Message.Height);
        Assert.True(dialerNode.Network.PeerStatuses()[0].Connected);
    }

    [Fact]
    public async Task A_peer_that_stops_reading_is_dropped_and_never_holds_up_the_others()
    {
        await using var cluster = await NetworkCluster.StartAsync(2, o => o with { OutboundQueueCapacity = 32 });
        var hub = cluster[0];
        // Validator 2 handshakes properly with the hub, then never reads its stream again.
        await using var stuck = await RawPeer.ConnectAsync(TestKeys.Options(TestKeys.Validators[2]), cluster.Nodes[0].Endpoint);
        await Eventually.True(() => hub.ConnectedPeerCount == 2, "the stuck peer is connected");

        // Consensus traffic (32 KiB each; the healthy peer counts them as malformed, which is how this test sees them
        // arrive): the stuck peer's consensus queue fills and its stream is closed. Gossip alone never does that.
        var blob = new byte[32 * 1024];
        const int Count = 300;
        for (var i = 0; i < Count; i++)
        {
            hub.Broadcast((byte[])blob.Clone());
            if (i % 8 == 7)
            {
                // Pace to the healthy peer only: the stuck one is never waited for.
                var expected = i + 1;
                await Eventually.True(() => cluster[1].MalformedMessages >= expected, $"{expected} messages reached the healthy peer");
            }
        }

        await Eventually.True(() => cluster[1].MalformedMessages == Count, "every message reached the healthy peer");
        await Eventually.True(() => !hub.ConnectedPeers.Contains(TestKeys.ValidatorAddresses[2]), "the stuck peer was dropped");
        Assert.True(hub.SlowPeerDisconnects >= 1);
        Assert.Contains(cluster[1].Self, hub.ConnectedPeers);
    }

    [Fact]
    public async Task Removing_a_node_from_the_permissioned_list_closes_its_stream_and_refuses_it_afterwards()
    {
        await using var cluster = await NetworkCluster.StartAsync(2);
        var removed = cluster[1].Self;
        var remaining = TestKeys.ValidatorAddresses.Where(a => a != removed).ToArray();
        var changes = new List<(Address, bool)>();
        cluster[0].PeerConnectionChanged += (peer, up) => { lock (changes) { changes.Add((peer, up)); } };

        cluster[0].UpdatePeers(remaining, []);

        await Eventually.True(() => cluster[0].ConnectedPeerCount == 0 && cluster[1].ConnectedPeerCount == 0, "the stream is closed on both sides");
        lock (changes)
        {
            Assert.Contains((removed, false), changes);
        }

        if (cluster[1].Self < cluster[0].Self)
        {
            // The removed node is the dialler: its redials are now refused.
            await Eventually.True(() => cluster[1].PeerStatuses()[0].LastError?.Contains("is not in the consortium") == true, "redial refused");
        }

        Assert.Equal(0, cluster[0].Broadcast(Prepare(0, height: 1)));
    }

    internal static PrepareMessage Prepare(int validator, ulong height) =>
        ConsensusMessageSigning.SignPrepare(TestKeys.Validators[validator], TestKeys.ChainId, height, 0, Keccak256.Hash(BitConverter.GetBytes(height)));
}
