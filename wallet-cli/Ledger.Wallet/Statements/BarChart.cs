using System.Numerics;

namespace Ledger.Wallet.Statements;

/// <summary>Horizontal bars in the terminal, scaled to the largest value of the same currency.</summary>
public static class BarChart
{
    public const int Width = 30;

    /// <summary>A bar of at most <see cref="Width"/> blocks; any non-zero value shows at least one.</summary>
    public static string Bar(BigInteger value, BigInteger max)
    {
        if (value <= 0 || max <= 0)
        {
            return string.Empty;
        }

        var blocks = (int)(value * Width / max);
        return new string('█', Math.Max(1, blocks));
    }
}
