using System.Globalization;

namespace Ledger.Console.Tests.Infrastructure;

/// <summary>The console's way of writing token amounts (base units with the token's decimals, digits grouped by three).</summary>
public static class Amounts
{
    public static string Format(ulong baseUnits, int decimals)
    {
        var scale = (ulong)Math.Pow(10, decimals);
        var whole = (baseUnits / scale).ToString("#,0", CultureInfo.InvariantCulture);
        return decimals == 0 ? whole : $"{whole}.{(baseUnits % scale).ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0')}";
    }
}
