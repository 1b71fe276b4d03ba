using System.Globalization;
using System.Numerics;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tokens;

/// <summary>
/// Converts between base units (what the ABI carries) and the decimal amounts people read: revert reasons say
/// "150.00 USDA", not "15000", because a bank clerk has to act on them.
/// </summary>
public static class TokenAmount
{
    /// <summary>"150.00 USDA" for 15000 base units with 2 decimals.</summary>
    public static string Format(UInt256 baseUnits, byte decimals, string symbol)
    {
        var value = baseUnits.ToBigInteger();
        if (decimals == 0)
        {
            return value.ToString(CultureInfo.InvariantCulture) + " " + symbol;
        }

        var scale = BigInteger.Pow(10, decimals);
        var whole = BigInteger.DivRem(value, scale, out var fraction);
        return whole.ToString(CultureInfo.InvariantCulture) + "." +
            fraction.ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0') + " " + symbol;
    }
}
