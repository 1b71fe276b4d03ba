using Ledger.Consensus;
using Ledger.Consensus.Messages;
using Ledger.Core.Crypto;

namespace Ledger.Network.Tests;

/// <summary>
/// With a <see cref="PeerNetwork.ConsensusScreen"/>, junk is dropped on the peer's stream before it takes a place in the
/// node's inbound queue: only messages in the height window signed by a current validator reach it.
/// </summary>
public sealed class ConsensusScreenNetworkTests
{
    [Fact]
    public async Task Only_validator_signed_messages_in_the_window_are_queued_and_each_drop_is_counted_by_reason()
    {
        await using var cluster = await NetworkCluster.StartAsync(2);
        var drops = new List<(ConsensusScreenVerdict, ulong)>();
        var screen = new ConsensusMessageScreen(TestKeys.ChainId, Ecdsa.Default, futureHeightWindow: 10)
        {
            Dropped = (verdict, height) => { lock (drops) { drops.Add((verdict, height)); } },
        };
        screen.Update(50, TestKeys.ValidatorAddresses);
        cluster[1].ConsensusScreen = screen;
        var stranger = TestKeys.Outsider(_ => true);

        cluster[0].Broadcast([0xde, 0xad]);                                                      // malformed
        cluster[0].Broadcast(PeerNetworkTests.Prepare(0, height: 49));                          // stale
        cluster[0].Broadcast(PeerNetworkTests.Prepare(0, height: 61));                          // too far ahead
        cluster[0].Broadcast(ConsensusMessageSigning.SignPrepare(stranger, TestKeys.ChainId, 50, 0, Keccak256.Hash("x"u8))); // not a validator
        cluster[0].Broadcast(PeerNetworkTests.Prepare(0, height: 60));                          // last height in the window

        var arrived = await Inbox.Next(cluster[1].ConsensusMessages);
        await Eventually.True(() => screen.Count(ConsensusScreenVerdict.NotValidator) == 1, "every message was screened");

        Assert.Equal(60UL, arrived.Message.Height);
        Assert.True(arrived.EncodedBytes > 0);
        Assert.False(cluster[1].ConsensusMessages.TryRead(out _));
        Assert.Equal(1, screen.Count(ConsensusScreenVerdict.Malformed));
        Assert.Equal(1, screen.Count(ConsensusScreenVerdict.Stale));
        Assert.Equal(1, screen.Count(ConsensusScreenVerdict.TooFarAhead));
        Assert.Equal(1, screen.Count(ConsensusScreenVerdict.Accepted));
        lock (drops)
        {
            Assert.Contains((ConsensusScreenVerdict.TooFarAhead, 61UL), drops);
        }

        Assert.Equal(1, cluster[1].ConnectedPeerCount); // junk costs the peer nothing but the message
    }
}
