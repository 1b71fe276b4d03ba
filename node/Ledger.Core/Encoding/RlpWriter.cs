using System.Buffers;
using Ledger.Core.Primitives;

namespace Ledger.Core.Encoding;

/// <summary>
/// Builds canonical RLP. Lists are written by <see cref="StartList"/>/<see cref="EndList"/>: the payload is
/// written first and the header inserted when the list closes, so callers never pre-compute lengths.
/// </summary>
public sealed class RlpWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;
    private readonly Stack<int> _listStarts = new();

    public RlpWriter(int initialCapacity = 256)
    {
        _buffer = new ArrayBufferWriter<byte>(initialCapacity);
    }

    public int Length => _buffer.WrittenCount;

    public RlpWriter StartList()
    {
        _listStarts.Push(_buffer.WrittenCount);
        return this;
    }

    public RlpWriter EndList()
    {
        var start = _listStarts.Pop();
        var payloadLength = _buffer.WrittenCount - start;
        Span<byte> header = stackalloc byte[9];
        var headerLength = WriteHeader(header, payloadLength, 0xc0);
        // Move the payload right by the header length, then put the header in front.
        var span = _buffer.GetSpan(headerLength);
        _ = span;
        _buffer.Advance(headerLength);
        var all = GetWritableWritten();
        all.Slice(start, payloadLength).CopyTo(all[(start + headerLength)..]);
        header[..headerLength].CopyTo(all[start..]);
        return this;
    }

    public RlpWriter WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 1 && bytes[0] < 0x80)
        {
            Append(bytes);
            return this;
        }

        Span<byte> header = stackalloc byte[9];
        var headerLength = WriteHeader(header, bytes.Length, 0x80);
        Append(header[..headerLength]);
        Append(bytes);
        return this;
    }

    /// <summary>Appends an already-encoded RLP item verbatim.</summary>
    public RlpWriter WriteEncoded(ReadOnlySpan<byte> encodedItem)
    {
        Append(encodedItem);
        return this;
    }

    public RlpWriter WriteUInt64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        var length = 0;
        for (var shift = 56; shift >= 0; shift -= 8)
        {
            var b = (byte)(value >> shift);
            if (length > 0 || b != 0)
            {
                bytes[length++] = b;
            }
        }

        return WriteBytes(bytes[..length]);
    }

    public RlpWriter WriteUInt256(UInt256 value) => WriteBytes(value.ToBigEndianTrimmed());

    public RlpWriter WriteAddress(Address address)
    {
        Span<byte> bytes = stackalloc byte[Address.Length];
        address.WriteTo(bytes);
        return WriteBytes(bytes);
    }

    public RlpWriter WriteOptionalAddress(Address? address) =>
        address is { } a ? WriteAddress(a) : WriteBytes([]);

    public RlpWriter WriteHash(Hash32 hash)
    {
        Span<byte> bytes = stackalloc byte[Hash32.Length];
        hash.WriteTo(bytes);
        return WriteBytes(bytes);
    }

    public byte[] ToArray()
    {
        if (_listStarts.Count != 0)
        {
            throw new InvalidOperationException("an RLP list was started but not ended");
        }

        return _buffer.WrittenSpan.ToArray();
    }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    private Span<byte> GetWritableWritten() =>
        System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(_buffer.WrittenSpan), _buffer.WrittenCount);

    private void Append(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    private static int WriteHeader(Span<byte> header, int payloadLength, byte shortBase)
    {
        if (payloadLength < 56)
        {
            header[0] = (byte)(shortBase + payloadLength);
            return 1;
        }

        var lengthOfLength = 0;
        for (var v = payloadLength; v > 0; v >>= 8)
        {
            lengthOfLength++;
        }

        header[0] = (byte)(shortBase + 55 + lengthOfLength);
        for (var i = 0; i < lengthOfLength; i++)
        {
            header[lengthOfLength - i] = (byte)(payloadLength >> (8 * i));
        }

        return 1 + lengthOfLength;
    }
}
