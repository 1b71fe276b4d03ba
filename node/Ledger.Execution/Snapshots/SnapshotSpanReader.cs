using System.Buffers.Binary;

namespace Ledger.Execution.Snapshots;

/// <summary>Bounds-checked big-endian reads over an encoded manifest or chunk; running short is a <see cref="SnapshotException"/>.</summary>
internal ref struct SnapshotSpanReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly string _what;
    private int _at;

    public SnapshotSpanReader(ReadOnlySpan<byte> data, string what)
    {
        _data = data;
        _what = what;
    }

    public readonly bool AtEnd => _at == _data.Length;

    public ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || length > _data.Length - _at)
        {
            throw new SnapshotException($"the {_what} is truncated (needs {length} bytes at offset {_at} of {_data.Length})");
        }

        var slice = _data.Slice(_at, length);
        _at += length;
        return slice;
    }

    public byte Byte() => Take(1)[0];

    public ushort UInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public int Int32(int max)
    {
        var value = BinaryPrimitives.ReadInt32BigEndian(Take(4));
        return value < 0 || value > max ? throw new SnapshotException($"the {_what} has a count or length of {value}, the limit is {max}") : value;
    }

    public ulong UInt64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    public readonly void EnsureEnd()
    {
        if (!AtEnd)
        {
            throw new SnapshotException($"the {_what} has {_data.Length - _at} trailing bytes");
        }
    }
}
