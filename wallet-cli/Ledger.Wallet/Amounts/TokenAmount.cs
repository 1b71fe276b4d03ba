using System.Globalization;
using System.Numerics;
using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;

namespace Ledger.Wallet.Amounts;

/// <summary>
/// Whole-unit amounts as people write them ("12.5") to and from base units (1250 for 2 decimals). Exact:
/// decimal text is parsed digit by digit into a big integer, never through floating point.
/// </summary>
public static class TokenAmount
{
    /// <summary>Parses a positive amount; throws a usage <see cref="WalletException"/> naming the problem.</summary>
    public static UInt256 Parse(string text, int decimals, string symbol)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw WalletException.Usage("the amount is empty");
        }

        if (trimmed[0] == '-')
        {
            throw WalletException.Usage($"the amount {trimmed} is negative; give a positive amount like 12.5");
        }

        var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? trimmed : trimmed[..dot];
        var fraction = dot < 0 ? string.Empty : trimmed[(dot + 1)..];
        if ((whole.Length == 0 && fraction.Length == 0) || !IsDigits(whole) || !IsDigits(fraction))
        {
            throw WalletException.Usage($"'{trimmed}' is not an amount; write whole units with a dot for decimals, like 12.5");
        }

        if (fraction.Length > decimals)
        {
            throw WalletException.Usage(decimals == 0
                ? $"{symbol} has no decimals; '{trimmed}' must be a whole number"
                : $"{symbol} has {decimals} decimals; '{trimmed}' has {fraction.Length}");
        }

        var digits = whole + fraction.PadRight(decimals, '0');
        var value = digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (value.IsZero)
        {
            throw WalletException.Usage("the amount must be more than zero");
        }

        return UInt256.TryFromBigInteger(value, out var result)
            ? result
            : throw WalletException.Usage($"the amount {trimmed} is too large");
    }

    /// <summary>Formats base units with exactly <paramref name="decimals"/> decimals ("1250" → "12.50").</summary>
    public static string Format(UInt256 baseUnits, int decimals)
    {
        var digits = baseUnits.ToString();
        if (decimals == 0)
        {
            return digits;
        }

        digits = digits.PadLeft(decimals + 1, '0');
        return string.Concat(digits.AsSpan(0, digits.Length - decimals), ".", digits.AsSpan(digits.Length - decimals));
    }

    /// <summary>Formats a decimal string of base units as the API sends it.</summary>
    public static string Format(string baseUnits, int decimals) =>
        Format(UInt256.FromBigInteger(BigInteger.Parse(baseUnits, NumberStyles.None, CultureInfo.InvariantCulture)), decimals);

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
