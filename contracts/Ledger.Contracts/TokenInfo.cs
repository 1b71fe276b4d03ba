using Ledger.Contracts.Tokens;
using Ledger.Core.Primitives;

namespace Ledger.Contracts;

/// <summary>A deposit token as other modules see it: where it lives, how to print its amounts, which bank issues it.</summary>
public sealed record TokenInfo(Address Address, string Symbol, byte Decimals, int BankIndex)
{
    /// <summary>"150.00 USDA".</summary>
    public string Format(UInt256 amount) => TokenAmount.Format(amount, Decimals, Symbol);
}
