using System.Numerics;

namespace Ledger.Wallet.Statements;

/// <summary>One currency's tokens in a statement; amounts of its tokens are compared only after scaling to the same decimals.</summary>
public sealed record CurrencySection(string Currency, IReadOnlyList<TokenSection> Tokens)
{
    /// <summary>The most decimals among the section's tokens: the common scale its chart compares amounts in.</summary>
    public int Decimals => Tokens.Max(t => (int)t.Token.Decimals);

    /// <summary>An amount of <paramref name="token"/> in the section's common scale.</summary>
    public BigInteger Scaled(TokenSection token, BigInteger amount) =>
        amount * BigInteger.Pow(10, Decimals - (int)token.Token.Decimals);
}
