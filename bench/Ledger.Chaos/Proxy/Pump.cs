using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Ledger.Chaos.Proxy;

/// <summary>
/// One direction of one proxied connection: a reader that timestamps each chunk with when it may leave (now + delay +
/// jitter, never before the chunk ahead of it), and a writer that holds chunks while the direction is stalled or
/// partitioned, waits out their delay and paces them to the bandwidth cap. The buffer between the two is bounded
/// (<see cref="BufferedChunks"/> × <see cref="ChunkBytes"/>), so a held direction pushes back on the sender as a real
/// network would, and the proxy's memory stays bounded.
/// </summary>
internal sealed class Pump(Socket source, Socket destination, LinkDirection direction, Random random)
{
    public const int ChunkBytes = 16 * 1024;
    public const int BufferedChunks = 64;

    private readonly Channel<Chunk> _chunks = Channel.CreateBounded<Chunk>(
        new BoundedChannelOptions(BufferedChunks) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Runs until the source ends (then the destination's sending side is shut down) or either socket fails.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reading = ReadAsync(cancellationToken);
        var writing = WriteAsync(cancellationToken);
        await Task.WhenAll(reading, writing);
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        long lastDue = 0;
        try
        {
            while (true)
            {
                var buffer = new byte[ChunkBytes];
                var read = await source.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    return;
                }

                var faults = direction.Faults;
                var delayMs = faults.DelayMs + (faults.JitterMs > 0 ? random.Next(faults.JitterMs + 1) : 0);
                var due = Math.Max(Stopwatch.GetTimestamp() + (delayMs * Stopwatch.Frequency / 1000), lastDue);
                lastDue = due;
                await _chunks.Writer.WriteAsync(new Chunk(buffer, read, due), cancellationToken);
            }
        }
        finally
        {
            _chunks.Writer.TryComplete();
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        long nextFree = 0;
        await foreach (var chunk in _chunks.Reader.ReadAllAsync(cancellationToken))
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), chunk.Due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var offset = 0;
            while (offset < chunk.Length)
            {
                var faults = direction.Faults;
                while (faults.Holds)
                {
                    await direction.ChangedAsync(cancellationToken);
                    faults = direction.Faults;
                }

                var slice = chunk.Length - offset;
                if (faults.BytesPerSecond > 0)
                {
                    // Pace: each slice occupies slice/rate seconds of the link; slices of ~1/20 s keep small caps smooth.
                    slice = (int)Math.Min(slice, Math.Max(512, faults.BytesPerSecond / 20));
                    var now = Stopwatch.GetTimestamp();
                    var sendAt = Math.Max(now, nextFree);
                    if (sendAt > now)
                    {
                        await Task.Delay(Stopwatch.GetElapsedTime(now, sendAt), cancellationToken);
                    }

                    nextFree = sendAt + (slice * Stopwatch.Frequency / faults.BytesPerSecond);
                }

                var sent = await destination.SendAsync(chunk.Buffer.AsMemory(offset, slice), SocketFlags.None, cancellationToken);
                direction.CountForwarded(sent);
                offset += sent;
            }
        }

        destination.Shutdown(SocketShutdown.Send);
    }

    private readonly record struct Chunk(byte[] Buffer, int Length, long Due);
}
