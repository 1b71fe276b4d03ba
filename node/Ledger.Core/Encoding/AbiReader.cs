using System.Buffers.Binary;
using Ledger.Core.Primitives;

namespace Ledger.Core.Encoding;

/// <summary>
/// A strict, allocation-light reader of ABI-encoded arguments (calldata after the 4-byte selector, or return
/// data). Each Read* consumes the next head word; dynamic values follow their offset into the tail. Nothing is
/// truncated or guessed: a value outside its Solidity type, a non-canonical address, a bool other than 0/1 or
/// an offset/length outside the data throws <see cref="AbiException"/> naming the function and the argument,
/// because a silently truncated amount is a lost deposit.
/// </summary>
/// <remarks>
/// Trailing bytes after the last argument are accepted, as Solidity's decoder accepts them; zero padding after
/// string/bytes contents is not checked, for the same reason.
/// </remarks>
public ref struct AbiReader
{
    private const int Word = 32;

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private readonly string _function;
    private int _head;
    private int _argument;

    /// <param name="arguments">The encoded arguments (calldata without the selector).</param>
    /// <param name="function">The signature being decoded, e.g. "transfer(address,uint256)", for error messages.</param>
    public AbiReader(ReadOnlySpan<byte> arguments, string function)
    {
        _data = arguments;
        _function = function;
        _head = 0;
        _argument = 0;
    }

    /// <summary>How many arguments have been read so far.</summary>
    public readonly int ArgumentsRead => _argument;

    /// <summary>The byte length of the encoded arguments.</summary>
    public readonly int Length => _data.Length;

    public Address ReadAddress(string name)
    {
        var word = NextWord(name);
        if (!IsZero(word[..12]))
        {
            throw Error(name, $"not a canonical address: the upper 12 bytes of {Hex.Encode(word)} must be zero");
        }

        return new Address(word[12..]);
    }

    public UInt256 ReadUInt256(string name) => UInt256.FromBigEndian(NextWord(name));

    public ulong ReadUInt64(string name)
    {
        var word = NextWord(name);
        if (!IsZero(word[..24]))
        {
            throw Error(name, $"value {UInt256.FromBigEndian(word)} does not fit uint64");
        }

        return BinaryPrimitives.ReadUInt64BigEndian(word[24..]);
    }

    public uint ReadUInt32(string name)
    {
        var word = NextWord(name);
        if (!IsZero(word[..28]))
        {
            throw Error(name, $"value {UInt256.FromBigEndian(word)} does not fit uint32");
        }

        return BinaryPrimitives.ReadUInt32BigEndian(word[28..]);
    }

    public byte ReadUInt8(string name)
    {
        var word = NextWord(name);
        if (!IsZero(word[..31]))
        {
            throw Error(name, $"value {UInt256.FromBigEndian(word)} does not fit uint8");
        }

        return word[31];
    }

    public bool ReadBool(string name)
    {
        var word = NextWord(name);
        if (!IsZero(word[..31]) || word[31] > 1)
        {
            throw Error(name, $"a bool must be 0 or 1, got {Hex.Encode(word)}");
        }

        return word[31] == 1;
    }

    /// <summary>A bytes32 value: the raw word, a view into the input.</summary>
    public ReadOnlySpan<byte> ReadBytes32(string name) => NextWord(name);

    /// <summary>A dynamic <c>bytes</c> value: a view into the input, bounds-checked.</summary>
    public ReadOnlySpan<byte> ReadBytes(string name)
    {
        var word = NextWord(name);
        var offset = ToLength(word, name, "offset");
        if (offset > _data.Length - Word)
        {
            throw Error(name, $"offset {offset} points outside the {_data.Length} bytes of arguments");
        }

        var length = ToLength(_data.Slice(offset, Word), name, "length");
        var start = offset + Word;
        if (length > _data.Length - start)
        {
            throw Error(name, $"length {length} at offset {offset} runs past the {_data.Length} bytes of arguments");
        }

        return _data.Slice(start, length);
    }

    /// <summary>A dynamic <c>string</c> value; invalid UTF-8 is an error rather than replacement characters.</summary>
    public string ReadString(string name)
    {
        var bytes = ReadBytes(name);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw Error(name, "string is not valid UTF-8");
        }
    }

    private ReadOnlySpan<byte> NextWord(string name)
    {
        _argument++;
        if (_head > _data.Length - Word)
        {
            throw new AbiException(
                $"calldata too short for {_function}: argument {_argument} ({name}) needs bytes {_head}..{_head + Word} " +
                $"of the arguments, got {_data.Length} bytes");
        }

        var word = _data.Slice(_head, Word);
        _head += Word;
        return word;
    }

    private readonly int ToLength(ReadOnlySpan<byte> word, string name, string what)
    {
        // An offset or length beyond int range can never fit in real calldata.
        if (!IsZero(word[..28]) || (word[28] & 0x80) != 0)
        {
            throw Error(name, $"{what} {UInt256.FromBigEndian(word)} is out of range");
        }

        return (int)BinaryPrimitives.ReadUInt32BigEndian(word[28..]);
    }

    private readonly AbiException Error(string name, string problem) =>
        new($"{_function}: argument {_argument} ({name}): {problem}");

    private static bool IsZero(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept((byte)0) < 0;
}
