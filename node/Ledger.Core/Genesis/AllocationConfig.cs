using System.Numerics;
using Ledger.Core.Primitives;

namespace Ledger.Core.Genesis;

/// <summary>Initial balances: every account in <paramref name="Accounts"/> holds <paramref name="Amount"/> of every token in <paramref name="Tokens"/>.</summary>
/// <param name="Tokens">Token symbols.</param>
/// <param name="Amount">Whole units as a decimal string ("1000000"); scaled by each token's decimals.</param>
public sealed record AllocationConfig(IReadOnlyList<Address> Accounts, IReadOnlyList<string> Tokens, string Amount)
{
    /// <summary>
    /// <see cref="Amount"/> in base units of a token with <paramref name="decimals"/> decimals (amount × 10^decimals).
    /// Throws <see cref="FormatException"/>/<see cref="OverflowException"/> for values genesis validation rejects.
    /// </summary>
    public UInt256 ToBaseUnits(byte decimals)
    {
        if (!GenesisRules.IsPositiveInteger(Amount))
        {
            throw new FormatException($"allocation amount '{Amount}' is not a positive whole number");
        }

        var value = BigInteger.Parse(Amount, System.Globalization.CultureInfo.InvariantCulture) * BigInteger.Pow(10, decimals);
        return UInt256.TryFromBigInteger(value, out var result)
            ? result
            : throw new OverflowException($"allocation amount {Amount} × 10^{decimals} does not fit in uint256");
    }
}
