using Ledger.Core.Primitives;

namespace Ledger.JsonRpc.Parameters;

/// <summary>
/// Strict EIP-1474 hex parsing over UTF-8 text (straight from the request bytes, no string allocation).
/// Each method returns null on success or a short sentence saying what is wrong, which the caller prefixes
/// with the argument it came from.
/// </summary>
public static class HexParser
{
    /// <summary>A QUANTITY: "0x" then 1–16 hex digits, no leading zeros except "0x0".</summary>
    public static string? TryParseQuantity(ReadOnlySpan<byte> text, out ulong value)
    {
        value = 0;
        var problem = CheckQuantityDigits(text, 16, "64");
        if (problem is not null)
        {
            return problem;
        }

        foreach (var c in text[2..])
        {
            value = (value << 4) | (uint)Nibble(c);
        }

        return null;
    }

    /// <summary>A QUANTITY of up to 256 bits (values, gas prices).</summary>
    public static string? TryParseQuantity(ReadOnlySpan<byte> text, out UInt256 value)
    {
        value = default;
        var problem = CheckQuantityDigits(text, 64, "256");
        if (problem is not null)
        {
            return problem;
        }

        // Left-pad to 64 digits so the digits decode straight into a 32-byte big-endian word.
        Span<byte> padded = stackalloc byte[64];
        padded.Fill((byte)'0');
        text[2..].CopyTo(padded[(64 - (text.Length - 2))..]);
        Span<byte> word = stackalloc byte[32];
        Convert.FromHexString(padded, word, out _, out _);
        value = UInt256.FromBigEndian(word);
        return null;
    }

    /// <summary>DATA: "0x" then an even number of hex digits ("0x" alone is empty data).</summary>
    public static string? CheckData(ReadOnlySpan<byte> text)
    {
        if (!HasPrefix(text))
        {
            return "hex string without 0x prefix";
        }

        if (text.Length % 2 != 0)
        {
            return "hex string has odd length";
        }

        return FindBadDigit(text);
    }

    /// <summary>Decodes DATA already accepted by <see cref="CheckData"/> into exactly (length-2)/2 bytes.</summary>
    public static void DecodeData(ReadOnlySpan<byte> checkedText, Span<byte> destination) =>
        Convert.FromHexString(checkedText[2..], destination, out _, out _);

    public static string? TryParseData(ReadOnlySpan<byte> text, out byte[] bytes)
    {
        bytes = [];
        var problem = CheckData(text);
        if (problem is not null)
        {
            return problem;
        }

        bytes = new byte[(text.Length - 2) / 2];
        DecodeData(text, bytes);
        return null;
    }

    /// <summary>Fixed-size DATA such as an address (20 bytes) or hash (32 bytes).</summary>
    public static string? CheckFixedData(ReadOnlySpan<byte> text, int byteLength, string what)
    {
        var problem = CheckData(text);
        if (problem is not null)
        {
            return problem;
        }

        return text.Length - 2 == byteLength * 2
            ? null
            : $"hex string has length {text.Length - 2}, want {byteLength * 2} for {what}";
    }

    public static string? TryParseAddress(ReadOnlySpan<byte> text, out Address address)
    {
        address = default;
        var problem = CheckFixedData(text, Address.Length, "an address");
        if (problem is not null)
        {
            return problem;
        }

        Span<byte> bytes = stackalloc byte[Address.Length];
        DecodeData(text, bytes);
        address = new Address(bytes);
        return null;
    }

    public static string? TryParseHash(ReadOnlySpan<byte> text, out Hash32 hash)
    {
        hash = default;
        var problem = CheckFixedData(text, Hash32.Length, "a 32-byte hash");
        if (problem is not null)
        {
            return problem;
        }

        Span<byte> bytes = stackalloc byte[Hash32.Length];
        DecodeData(text, bytes);
        hash = new Hash32(bytes);
        return null;
    }

    private static string? CheckQuantityDigits(ReadOnlySpan<byte> text, int maxDigits, string bits)
    {
        if (!HasPrefix(text))
        {
            return "hex string without 0x prefix";
        }

        var digits = text[2..];
        if (digits.IsEmpty)
        {
            return "hex number \"0x\" has no digits";
        }

        var bad = FindBadDigit(text);
        if (bad is not null)
        {
            return bad;
        }

        if (digits.Length > 1 && digits[0] == (byte)'0')
        {
            return "hex number with leading zero digits";
        }

        return digits.Length > maxDigits ? $"hex number > {bits} bits" : null;
    }

    private static bool HasPrefix(ReadOnlySpan<byte> text) =>
        text.Length >= 2 && text[0] == (byte)'0' && (text[1] == (byte)'x' || text[1] == (byte)'X');

    private static string? FindBadDigit(ReadOnlySpan<byte> text)
    {
        for (var i = 2; i < text.Length; i++)
        {
            if (Nibble(text[i]) < 0)
            {
                return $"invalid hex character '{(char)text[i]}' at position {i}";
            }
        }

        return null;
    }

    private static int Nibble(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
