namespace Ledger.LoadGen;

/// <summary>Submit-to-commit latency percentiles in milliseconds (nearest rank).</summary>
public sealed record LatencySummary(double P50, double P95, double P99, double Max)
{
    public static LatencySummary From(double[] latenciesMs)
    {
        if (latenciesMs.Length == 0)
        {
            return new LatencySummary(0, 0, 0, 0);
        }

        Array.Sort(latenciesMs);
        return new LatencySummary(Rank(latenciesMs, 0.50), Rank(latenciesMs, 0.95), Rank(latenciesMs, 0.99), Math.Round(latenciesMs[^1], 1));
    }

    private static double Rank(double[] sorted, double quantile)
    {
        var index = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return Math.Round(sorted[Math.Clamp(index, 0, sorted.Length - 1)], 1);
    }
}
