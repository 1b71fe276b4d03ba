using System.Buffers;
using System.Text.Json;
using Ledger.Core.Primitives;

namespace Ledger.JsonRpc.Serialization;

/// <summary>
/// EIP-1474 encodings written straight as UTF-8 (stack buffers, no intermediate strings): QUANTITY without
/// leading zeros, DATA as lowercase 0x-hex. Property names are UTF-8 literals for the same reason.
/// </summary>
public static class JsonWriterExtensions
{
    private const int StackLimit = 512;

    public static void WriteQuantityValue(this Utf8JsonWriter writer, ulong value)
    {
        Span<byte> text = stackalloc byte[18];
        text[0] = (byte)'0';
        text[1] = (byte)'x';
        value.TryFormat(text[2..], out var written, "x");
        writer.WriteStringValue(text[..(2 + written)]);
    }

    public static void WriteQuantity(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, ulong value)
    {
        writer.WritePropertyName(name);
        writer.WriteQuantityValue(value);
    }

    public static void WriteQuantityValue(this Utf8JsonWriter writer, UInt256 value)
    {
        if (value.FitsInUInt64)
        {
            writer.WriteQuantityValue(value.ToUInt64());
            return;
        }

        Span<byte> word = stackalloc byte[32];
        value.WriteBigEndian(word);
        Span<byte> digits = stackalloc byte[2 + 64];
        Convert.TryToHexStringLower(word, digits[2..], out _);
        var start = 2;
        while (digits[start] == (byte)'0')
        {
            start++;
        }

        // Re-use the two bytes before the first significant digit for the prefix.
        digits[start - 2] = (byte)'0';
        digits[start - 1] = (byte)'x';
        writer.WriteStringValue(digits[(start - 2)..]);
    }

    public static void WriteQuantity(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, UInt256 value)
    {
        writer.WritePropertyName(name);
        writer.WriteQuantityValue(value);
    }

    public static void WriteDataValue(this Utf8JsonWriter writer, ReadOnlySpan<byte> bytes)
    {
        var length = 2 + (bytes.Length * 2);
        byte[]? rented = null;
        var text = length <= StackLimit ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        text[0] = (byte)'0';
        text[1] = (byte)'x';
        Convert.TryToHexStringLower(bytes, text[2..], out _);
        writer.WriteStringValue(text);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static void WriteData(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> bytes)
    {
        writer.WritePropertyName(name);
        writer.WriteDataValue(bytes);
    }

    public static void WriteAddressValue(this Utf8JsonWriter writer, Address address)
    {
        Span<byte> bytes = stackalloc byte[Address.Length];
        address.WriteTo(bytes);
        writer.WriteDataValue(bytes);
    }

    public static void WriteAddress(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, Address address)
    {
        writer.WritePropertyName(name);
        writer.WriteAddressValue(address);
    }

    public static void WriteAddressOrNull(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, Address? address)
    {
        if (address is { } value)
        {
            writer.WriteAddress(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteHashValue(this Utf8JsonWriter writer, Hash32 hash)
    {
        Span<byte> bytes = stackalloc byte[Hash32.Length];
        hash.WriteTo(bytes);
        writer.WriteDataValue(bytes);
    }

    public static void WriteHash(this Utf8JsonWriter writer, ReadOnlySpan<byte> name, Hash32 hash)
    {
        writer.WritePropertyName(name);
        writer.WriteHashValue(hash);
    }
}
