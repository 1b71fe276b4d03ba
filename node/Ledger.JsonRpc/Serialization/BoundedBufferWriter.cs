using System.Buffers;

namespace Ledger.JsonRpc.Serialization;

/// <summary>
/// A buffer writer with a byte limit, under the Utf8JsonWriter a handler writes its result with: crossing the
/// limit throws <see cref="ResponseTooLargeException"/> at once, so a response that would be too large stops
/// being built within a few kilobytes of the limit instead of being built whole and measured afterwards.
/// </summary>
internal sealed class BoundedBufferWriter : IBufferWriter<byte>
{
    // Utf8JsonWriter advances only when the memory it was given runs out; handing out at most this much at a
    // time makes it report progress (and so meet the limit) every few kilobytes.
    private const int Chunk = 16 * 1024;

    // Utf8JsonWriter asks for at least this much whenever it grows, however little it is about to write.
    private const int WriterGrowth = 4096;

    private long _limit = long.MaxValue;

    public ArrayBufferWriter<byte> Inner { get; } = new(256);

    public ReadOnlySpan<byte> WrittenSpan => Inner.WrittenSpan;

    /// <summary>Empties the buffer and sets the limit for what is written next.</summary>
    public void Reset(long limit)
    {
        Inner.ResetWrittenCount();
        _limit = limit;
    }

    public void Advance(int count)
    {
        Inner.Advance(count);
        if (Inner.WrittenCount > _limit)
        {
            throw new ResponseTooLargeException();
        }
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Check(sizeHint);
        var memory = Inner.GetMemory(sizeHint);
        return memory.Length > Chunk ? memory[..Math.Max(sizeHint, Chunk)] : memory;
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Check(sizeHint);
        var span = Inner.GetSpan(sizeHint);
        return span.Length > Chunk ? span[..Math.Max(sizeHint, Chunk)] : span;
    }

    /// <summary>
    /// A request for more room than is left refuses before allocating it (one huge value, such as megabytes
    /// of call output, never gets a buffer). Requests up to the writer's usual growth are let through: the
    /// writer asks for 4 KiB even to write a few bytes, so only what it then advances is counted.
    /// </summary>
    private void Check(int sizeHint)
    {
        if (sizeHint > WriterGrowth && Inner.WrittenCount + (long)sizeHint > _limit)
        {
            throw new ResponseTooLargeException();
        }
    }
}
