using System.Buffers.Binary;
using Ledger.Core.Primitives;

namespace Ledger.Core.Encoding;

/// <summary>
/// Builds the ABI encoding of a tuple of values — function arguments, return values or event data — as head
/// words followed by the tails of dynamic values. Static values (address, uintN, bool, bytes32, static tuples)
/// sit in the head; dynamic ones (string, bytes, dynamic tuples) leave an offset in the head and their
/// content in the tail, in the order written.
/// </summary>
public sealed class AbiWriter
{
    private const int Word = 32;

    private byte[] _head;
    private int _headLength;
    private List<PendingTail>? _tails;

    public AbiWriter(int expectedWords = 4)
    {
        _head = new byte[Math.Max(1, expectedWords) * Word];
    }

    /// <summary>True when a dynamic value was written, so the tuple is dynamic when nested in another.</summary>
    public bool IsDynamic => _tails is { Count: > 0 };

    public AbiWriter WriteAddress(Address value)
    {
        var word = NextWord();
        value.WriteTo(word[12..]);
        return this;
    }

    public AbiWriter WriteUInt256(UInt256 value)
    {
        value.WriteBigEndian(NextWord());
        return this;
    }

    /// <summary>Any uintN with N ≤ 64 (uint8, uint32, uint64 …): the same right-aligned word.</summary>
    public AbiWriter WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(NextWord()[24..], value);
        return this;
    }

    public AbiWriter WriteUInt8(byte value) => WriteUInt64(value);

    public AbiWriter WriteBool(bool value)
    {
        NextWord()[31] = value ? (byte)1 : (byte)0;
        return this;
    }

    public AbiWriter WriteBytes32(ReadOnlySpan<byte> value)
    {
        if (value.Length != Word)
        {
            throw new ArgumentException($"a bytes32 value is 32 bytes, got {value.Length}", nameof(value));
        }

        value.CopyTo(NextWord());
        return this;
    }

    public AbiWriter WriteBytes32(Hash32 value)
    {
        value.WriteTo(NextWord());
        return this;
    }

    /// <summary>A dynamic <c>bytes</c> value.</summary>
    public AbiWriter WriteBytes(ReadOnlySpan<byte> value)
    {
        var tail = new byte[Word + Padded(value.Length)];
        BinaryPrimitives.WriteUInt64BigEndian(tail.AsSpan(24), (ulong)value.Length);
        value.CopyTo(tail.AsSpan(Word));
        return AddTail(tail);
    }

    /// <summary>A dynamic <c>string</c> value, UTF-8 encoded.</summary>
    public AbiWriter WriteString(string value)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(value);
        var tail = new byte[Word + Padded(length)];
        BinaryPrimitives.WriteUInt64BigEndian(tail.AsSpan(24), (ulong)length);
        System.Text.Encoding.UTF8.GetBytes(value, tail.AsSpan(Word));
        return AddTail(tail);
    }

    /// <summary>
    /// A nested tuple (a Solidity struct): inline in the head when all its members are static, otherwise an
    /// offset here and its own head/tail encoding in the tail.
    /// </summary>
    public AbiWriter WriteTuple(AbiWriter tuple)
    {
        ArgumentNullException.ThrowIfNull(tuple);
        if (tuple.IsDynamic)
        {
            return AddTail(tuple.ToArray());
        }

        var encoded = tuple.ToArray();
        EnsureHeadCapacity(encoded.Length);
        encoded.CopyTo(_head.AsSpan(_headLength));
        _headLength += encoded.Length;
        return this;
    }

    /// <summary>The encoding: head words then tails.</summary>
    public byte[] ToArray() => Build(prefix: 0, selector: 0);

    /// <summary>Calldata: the 4-byte selector followed by the encoding.</summary>
    public byte[] ToCallData(uint selector) => Build(prefix: AbiSelector.Length, selector);

    /// <summary>Calldata for a canonical signature, e.g. "transfer(address,uint256)".</summary>
    public byte[] ToCallData(string signature) => ToCallData(AbiSelector.Of(signature));

    /// <summary>A single 32-byte word holding a uint256 (the common one-value return).</summary>
    public static byte[] EncodeUInt256(UInt256 value) => value.ToBigEndian();

    public static byte[] EncodeBool(bool value)
    {
        var word = new byte[Word];
        word[31] = value ? (byte)1 : (byte)0;
        return word;
    }

    public static byte[] EncodeAddress(Address value)
    {
        var word = new byte[Word];
        value.WriteTo(word.AsSpan(12));
        return word;
    }

    public static byte[] EncodeString(string value) => new AbiWriter(1).WriteString(value).ToArray();

    private byte[] Build(int prefix, uint selector)
    {
        var total = prefix + _headLength;
        if (_tails is not null)
        {
            foreach (var tail in _tails)
            {
                total += tail.Content.Length;
            }
        }

        var output = new byte[total];
        if (prefix > 0)
        {
            AbiSelector.Write(selector, output);
        }

        var body = output.AsSpan(prefix);
        _head.AsSpan(0, _headLength).CopyTo(body);
        if (_tails is not null)
        {
            // Offsets count from the start of this tuple's head, not from the selector.
            var position = _headLength;
            foreach (var tail in _tails)
            {
                BinaryPrimitives.WriteUInt64BigEndian(body.Slice(tail.HeadOffset + 24, 8), (ulong)position);
                tail.Content.CopyTo(body[position..]);
                position += tail.Content.Length;
            }
        }

        return output;
    }

    private AbiWriter AddTail(byte[] content)
    {
        var headOffset = _headLength;
        _ = NextWord();
        (_tails ??= []).Add(new PendingTail(headOffset, content));
        return this;
    }

    private Span<byte> NextWord()
    {
        EnsureHeadCapacity(Word);
        var word = _head.AsSpan(_headLength, Word);
        word.Clear();
        _headLength += Word;
        return word;
    }

    private void EnsureHeadCapacity(int extra)
    {
        if (_headLength + extra > _head.Length)
        {
            Array.Resize(ref _head, Math.Max(_head.Length * 2, _headLength + extra));
        }
    }

    private static int Padded(int length) => (length + Word - 1) / Word * Word;

    private readonly record struct PendingTail(int HeadOffset, byte[] Content);
}
