using Ledger.Core.Primitives;

namespace Ledger.Core.Encoding;

/// <summary>
/// A strict, allocation-free RLP reader over a span. It rejects non-canonical encodings (a single byte below
/// 0x80 wrapped as a string, long forms for short payloads, leading zeros in lengths or scalars) because two
/// encodings of one transaction would give two hashes for the same signed content.
/// </summary>
public ref struct RlpReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public RlpReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly bool HasMore => _position < _data.Length;

    public readonly int Remaining => _data.Length - _position;

    /// <summary>Reads a list header and returns a reader over the list's payload; the outer reader moves past it.</summary>
    public RlpReader ReadList()
    {
        var (isList, offset, length) = ReadHeader();
        if (!isList)
        {
            throw new RlpException($"expected a list at byte {offset}, found a string");
        }

        var payload = _data.Slice(offset, length);
        return new RlpReader(payload);
    }

    /// <summary>Reads a byte string and returns its payload.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var (isList, offset, length) = ReadHeader();
        if (isList)
        {
            throw new RlpException($"expected a string at byte {offset}, found a list");
        }

        return _data.Slice(offset, length);
    }

    /// <summary>The whole encoded item (header and payload) at the current position, consuming it.</summary>
    public ReadOnlySpan<byte> ReadEncodedItem()
    {
        var start = _position;
        _ = ReadHeader();
        return _data[start.._position];
    }

    public ulong ReadUInt64()
    {
        var bytes = ReadScalarBytes(8, "a 64-bit integer");
        ulong value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    public UInt256 ReadUInt256() => UInt256.FromBigEndianVariable(ReadScalarBytes(32, "a 256-bit integer"));

    public Address ReadAddress()
    {
        var bytes = ReadBytes();
        if (bytes.Length != Address.Length)
        {
            throw new RlpException($"expected a 20-byte address, got {bytes.Length} bytes");
        }

        return new Address(bytes);
    }

    /// <summary>An empty string means "no address" (contract creation in Ethereum transactions).</summary>
    public Address? ReadOptionalAddress()
    {
        var bytes = ReadBytes();
        if (bytes.Length == 0)
        {
            return null;
        }

        if (bytes.Length != Address.Length)
        {
            throw new RlpException($"expected a 20-byte address or empty, got {bytes.Length} bytes");
        }

        return new Address(bytes);
    }

    public Hash32 ReadHash()
    {
        var bytes = ReadBytes();
        if (bytes.Length != Hash32.Length)
        {
            throw new RlpException($"expected a 32-byte hash, got {bytes.Length} bytes");
        }

        return new Hash32(bytes);
    }

    /// <summary>How many items remain in this reader (validating their headers), without consuming them.</summary>
    public readonly int CountRemainingItems()
    {
        var copy = this;
        var count = 0;
        while (copy.HasMore)
        {
            _ = copy.ReadEncodedItem();
            count++;
        }

        return count;
    }

    public readonly void EnsureFinished(string what)
    {
        if (_position != _data.Length)
        {
            throw new RlpException($"{_data.Length - _position} unexpected trailing bytes after {what}");
        }
    }

    private ReadOnlySpan<byte> ReadScalarBytes(int maxLength, string what)
    {
        var bytes = ReadBytes();
        if (bytes.Length > maxLength)
        {
            throw new RlpException($"{what} is longer than {maxLength} bytes");
        }

        if (bytes.Length > 0 && bytes[0] == 0)
        {
            throw new RlpException($"{what} has a leading zero byte");
        }

        return bytes;
    }

    private (bool IsList, int Offset, int Length) ReadHeader()
    {
        if (_position >= _data.Length)
        {
            throw new RlpException($"unexpected end of input at byte {_position}");
        }

        var start = _position;
        var prefix = _data[_position];
        int offset;
        int length;
        bool isList;
        if (prefix < 0x80)
        {
            isList = false;
            offset = start;
            length = 1;
        }
        else if (prefix <= 0xb7)
        {
            isList = false;
            length = prefix - 0x80;
            offset = start + 1;
            if (length == 1 && offset < _data.Length && _data[offset] < 0x80)
            {
                throw new RlpException($"non-canonical single byte at byte {start}");
            }
        }
        else if (prefix < 0xc0)
        {
            isList = false;
            length = ReadLongLength(start, prefix - 0xb7);
            offset = start + 1 + (prefix - 0xb7);
        }
        else if (prefix <= 0xf7)
        {
            isList = true;
            length = prefix - 0xc0;
            offset = start + 1;
        }
        else
        {
            isList = true;
            length = ReadLongLength(start, prefix - 0xf7);
            offset = start + 1 + (prefix - 0xf7);
        }

        if ((long)offset + length > _data.Length)
        {
            throw new RlpException($"item at byte {start} claims {length} bytes but only {_data.Length - Math.Min(offset, _data.Length)} remain");
        }

        _position = offset + length;
        return (isList, offset, length);
    }

    private readonly int ReadLongLength(int start, int lengthOfLength)
    {
        if (lengthOfLength > 4)
        {
            throw new RlpException($"length at byte {start} is too large");
        }

        if (start + 1 + lengthOfLength > _data.Length)
        {
            throw new RlpException($"unexpected end of input in length at byte {start}");
        }

        var lengthBytes = _data.Slice(start + 1, lengthOfLength);
        if (lengthBytes[0] == 0)
        {
            throw new RlpException($"length at byte {start} has a leading zero");
        }

        long length = 0;
        foreach (var b in lengthBytes)
        {
            length = (length << 8) | b;
        }

        if (length < 56)
        {
            throw new RlpException($"long-form length {length} at byte {start} should use the short form");
        }

        if (length > int.MaxValue)
        {
            throw new RlpException($"length at byte {start} is too large");
        }

        return (int)length;
    }
}
