using System.Threading.Channels;

namespace Ledger.Network.Queues;

/// <summary>
/// A channel bounded in items and in bytes: <see cref="TryWrite"/> refuses (never waits) once either limit is reached,
/// and reading through <see cref="Reader"/> gives the bytes back. A count alone is no limit when one item can be a
/// whole block. The byte total is the writers' declared sizes, so it bounds what the queue holds, not the process.
/// </summary>
internal sealed class ByteBoundedChannel<T>
{
    private readonly Channel<Entry> _channel;
    private readonly long _maxBytes;
    private long _bytes;

    public ByteBoundedChannel(int capacity, long maxBytes, bool singleReader)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        _maxBytes = maxBytes;
        _channel = Channel.CreateBounded<Entry>(new BoundedChannelOptions(capacity)
        {
            SingleReader = singleReader,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of dropping silently
        });
        Reader = new CountingReader(this);
    }

    /// <summary>Reads items in order; each read releases its bytes.</summary>
    public ChannelReader<T> Reader { get; }

    /// <summary>Bytes currently queued.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public int Count => _channel.Reader.Count;

    /// <summary>Queues <paramref name="item"/> of <paramref name="bytes"/> unless that would pass either limit.</summary>
    public bool TryWrite(T item, int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (Interlocked.Add(ref _bytes, bytes) > _maxBytes)
        {
            Interlocked.Add(ref _bytes, -bytes);
            return false;
        }

        if (!_channel.Writer.TryWrite(new Entry(item, bytes)))
        {
            Interlocked.Add(ref _bytes, -bytes);
            return false;
        }

        return true;
    }

    /// <summary>Peeks at the next item and its declared size without taking it.</summary>
    public bool TryPeek(out T item, out int bytes)
    {
        if (_channel.Reader.TryPeek(out var entry))
        {
            (item, bytes) = (entry.Item, entry.Bytes);
            return true;
        }

        (item, bytes) = (default!, 0);
        return false;
    }

    /// <summary>No more writes; readers finish what is queued.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    private bool TryRead(out T item)
    {
        if (_channel.Reader.TryRead(out var entry))
        {
            Interlocked.Add(ref _bytes, -entry.Bytes);
            item = entry.Item;
            return true;
        }

        item = default!;
        return false;
    }

    private readonly record struct Entry(T Item, int Bytes);

    private sealed class CountingReader(ByteBoundedChannel<T> owner) : ChannelReader<T>
    {
        public override Task Completion => owner._channel.Reader.Completion;

        public override bool CanCount => true;

        public override int Count => owner._channel.Reader.Count;

        public override bool CanPeek => true;

        public override bool TryRead(out T item) => owner.TryRead(out item);

        public override bool TryPeek(out T item) => owner.TryPeek(out item, out _);

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
            owner._channel.Reader.WaitToReadAsync(cancellationToken);
    }
}
