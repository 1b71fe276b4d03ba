using System.Buffers.Binary;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Contracts;

/// <summary>
/// The dynamic arrays the batch and audit functions need (<c>address[]</c>, <c>uint256[]</c>), which the core ABI
/// reader and writer do not cover. Decoding is as strict as <see cref="AbiReader"/>: offsets and lengths must stay
/// inside the arguments, addresses must be canonical, and errors name the function and argument.
/// </summary>
public static class AbiArrays
{
    private const int Word = 32;

    /// <summary>The static head word of argument <paramref name="index"/> (0-based).</summary>
    public static ReadOnlySpan<byte> HeadWord(ReadOnlySpan<byte> arguments, int index, string function, string name)
    {
        var start = index * Word;
        if (start > arguments.Length - Word)
        {
            throw new AbiException(
                $"calldata too short for {function}: argument {index + 1} ({name}) needs bytes {start}..{start + Word} of the arguments, got {arguments.Length} bytes");
        }

        return arguments.Slice(start, Word);
    }

    public static Address[] ReadAddresses(ReadOnlySpan<byte> arguments, int index, string function, string name)
    {
        var items = Items(arguments, index, function, name);
        var result = new Address[items.Length / Word];
        for (var i = 0; i < result.Length; i++)
        {
            var word = items.Slice(i * Word, Word);
            if (word[..12].IndexOfAnyExcept((byte)0) >= 0)
            {
                throw Error(function, index, name, $"item {i} is not a canonical address: the upper 12 bytes of {Hex.Encode(word)} must be zero");
            }

            result[i] = new Address(word[12..]);
        }

        return result;
    }

    public static UInt256[] ReadUInt256s(ReadOnlySpan<byte> arguments, int index, string function, string name)
    {
        var items = Items(arguments, index, function, name);
        var result = new UInt256[items.Length / Word];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = UInt256.FromBigEndian(items.Slice(i * Word, Word));
        }

        return result;
    }

    /// <summary>Encodes <c>(address[] accounts, uint256[] values, uint256 total)</c>, the shape of a paged listing.</summary>
    public static byte[] EncodePage(ReadOnlySpan<Address> accounts, ReadOnlySpan<UInt256> values, UInt256 total)
    {
        if (accounts.Length != values.Length)
        {
            throw new ArgumentException($"{accounts.Length} accounts but {values.Length} values", nameof(values));
        }

        var n = accounts.Length;
        var arrayBytes = Word * (n + 1);
        var output = new byte[(3 * Word) + (2 * arrayBytes)];
        var span = output.AsSpan();
        WriteLength(span, 3 * Word);
        WriteLength(span[Word..], (3 * Word) + arrayBytes);
        total.WriteBigEndian(span.Slice(2 * Word, Word));

        var first = span.Slice(3 * Word, arrayBytes);
        WriteLength(first, n);
        var second = span.Slice((3 * Word) + arrayBytes, arrayBytes);
        WriteLength(second, n);
        for (var i = 0; i < n; i++)
        {
            accounts[i].WriteTo(first.Slice((i + 1) * Word, Word)[12..]);
            values[i].WriteBigEndian(second.Slice((i + 1) * Word, Word));
        }

        return output;
    }

    /// <summary>Encodes <c>(uint256[] ids, uint256 total)</c>, a paged list of numbered records.</summary>
    public static byte[] EncodeIds(ReadOnlySpan<ulong> ids, UInt256 total)
    {
        var output = new byte[(3 + ids.Length) * Word];
        var span = output.AsSpan();
        WriteLength(span, 2 * Word);
        total.WriteBigEndian(span.Slice(Word, Word));
        WriteLength(span.Slice(2 * Word, Word), ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(span.Slice(((3 + i) * Word) + 24, 8), ids[i]);
        }

        return output;
    }

    private static void WriteLength(Span<byte> word, int value) => BinaryPrimitives.WriteUInt64BigEndian(word.Slice(24, 8), (ulong)value);

    private static ReadOnlySpan<byte> Items(ReadOnlySpan<byte> arguments, int index, string function, string name)
    {
        var offset = ToInt(HeadWord(arguments, index, function, name), function, index, name, "offset");
        if (offset > arguments.Length - Word)
        {
            throw Error(function, index, name, $"offset {offset} points outside the {arguments.Length} bytes of arguments");
        }

        var count = ToInt(arguments.Slice(offset, Word), function, index, name, "length");
        var start = offset + Word;
        if (count > (arguments.Length - start) / Word)
        {
            throw Error(function, index, name, $"{count} items at offset {offset} run past the {arguments.Length} bytes of arguments");
        }

        return arguments.Slice(start, count * Word);
    }

    private static int ToInt(ReadOnlySpan<byte> word, string function, int index, string name, string what)
    {
        if (word[..28].IndexOfAnyExcept((byte)0) >= 0 || (word[28] & 0x80) != 0)
        {
            throw Error(function, index, name, $"{what} {UInt256.FromBigEndian(word)} is out of range");
        }

        return (int)BinaryPrimitives.ReadUInt32BigEndian(word[28..]);
    }

    private static AbiException Error(string function, int index, string name, string problem) =>
        new($"{function}: argument {index + 1} ({name}): {problem}");
}
