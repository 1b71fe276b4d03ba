namespace Ledger.Core.Primitives;

/// <summary>0x-prefixed hex as Ethereum tools write it. Parsing accepts an optional prefix and either case.</summary>
public static class Hex
{
    public static string Encode(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    public static byte[] Decode(string hex)
    {
        if (!TryDecode(hex, out var bytes))
        {
            throw new FormatException($"'{Truncate(hex)}' is not valid hex");
        }

        return bytes;
    }

    public static bool TryDecode(string? hex, out byte[] bytes)
    {
        bytes = [];
        if (hex is null)
        {
            return false;
        }

        var digits = hex.AsSpan();
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }

        if (digits.Length % 2 != 0)
        {
            return false;
        }

        var result = new byte[digits.Length / 2];
        if (Convert.FromHexString(digits, result, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        bytes = result;
        return true;
    }

    /// <summary>Quantity encoding (EIP-1474): 0x-prefixed, no leading zeros, "0x0" for zero.</summary>
    public static string EncodeQuantity(ulong value) => "0x" + value.ToString("x");

    public static bool TryDecodeQuantity(string? hex, out ulong value)
    {
        value = 0;
        if (hex is null || !hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || hex.Length < 3 || hex.Length > 18)
        {
            return false;
        }

        return ulong.TryParse(hex.AsSpan(2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out value);
    }

    private static string Truncate(string? s) => s is null ? "null" : s.Length <= 80 ? s : s[..80] + "…";
}
