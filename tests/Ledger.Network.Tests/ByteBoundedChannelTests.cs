using Ledger.Network.Queues;

namespace Ledger.Network.Tests;

/// <summary>The queues between the network and the node are bounded in items and in bytes.</summary>
public sealed class ByteBoundedChannelTests
{
    [Fact]
    public void Writes_are_refused_past_the_byte_limit_and_reading_gives_the_bytes_back()
    {
        var channel = new ByteBoundedChannel<string>(capacity: 100, maxBytes: 1_000, singleReader: true);

        Assert.True(channel.TryWrite("a", 600));
        Assert.False(channel.TryWrite("b", 500));
        Assert.True(channel.TryWrite("c", 400));
        Assert.Equal(1_000, channel.Bytes);

        Assert.True(channel.Reader.TryRead(out var first));
        Assert.Equal("a", first);
        Assert.Equal(400, channel.Bytes);
        Assert.True(channel.TryWrite("d", 600));
    }

    [Fact]
    public void Writes_are_refused_past_the_item_limit_whatever_their_size()
    {
        var channel = new ByteBoundedChannel<int>(capacity: 2, maxBytes: 1_000_000, singleReader: false);

        Assert.True(channel.TryWrite(1, 0));
        Assert.True(channel.TryWrite(2, 0));
        Assert.False(channel.TryWrite(3, 0));
        Assert.Equal(2, channel.Count);
    }

    [Fact]
    public async Task ReadAllAsync_sees_every_item_in_order_and_releases_all_bytes()
    {
        var channel = new ByteBoundedChannel<int>(capacity: 10, maxBytes: 100, singleReader: true);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(channel.TryWrite(i, 20));
        }

        channel.Complete();
        var seen = new List<int>();
        await foreach (var item in channel.Reader.ReadAllAsync())
        {
            seen.Add(item);
        }

        Assert.Equal([0, 1, 2, 3, 4], seen);
        Assert.Equal(0, channel.Bytes);
    }
}
