using System.Globalization;
using System.Text;
using Ledger.Core.Primitives;

namespace Ledger.Wallet.Cli.Bank;

/// <summary>Parsing the operator's inputs that have no home elsewhere: references, dates, KYC levels, jurisdictions.</summary>
internal static class BankArguments
{
    /// <summary>
    /// A core-banking reference as the bytes32 the token stores: <c>0x</c> + 64 hex digits as they are, otherwise
    /// the text's UTF-8 bytes (1–32) padded with zeros on the right, so "DEP-2026-0001" stays readable on chain.
    /// </summary>
    public static byte[] Reference(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text.Length == 66)
        {
            return Hex.TryDecode(text, out var raw) ? raw : throw WalletException.Usage($"{option} '{text}' is not 32 bytes of hex");
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length is 0 or > 32)
        {
            throw WalletException.Usage($"{option} must be 1 to 32 bytes of text (or 0x + 64 hex digits); '{text}' is {bytes.Length} bytes");
        }

        var word = new byte[32];
        bytes.CopyTo(word, 0);
        return word;
    }

    /// <summary>A yyyy-MM-dd date as Unix seconds at its UTC midnight.</summary>
    public static ulong Expiry(string text)
    {
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (ulong)new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds()
            : throw WalletException.Usage($"--expires '{text}' is not a date (yyyy-MM-dd, UTC)");
    }

    public static byte KycLevel(int level) =>
        level is >= 1 and <= 3 ? (byte)level : throw WalletException.Usage($"--kyc {level} is not a KYC level: 1 basic, 2 standard, 3 enhanced");

    public static string Jurisdiction(string text) =>
        text.Length == 2 && text.All(char.IsAsciiLetterUpper)
            ? text
            : throw WalletException.Usage($"--jurisdiction '{text}' is not an ISO 3166 country code (two capital letters, e.g. US, DE)");

    public static string FormatTime(ulong unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds((long)unixSeconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
