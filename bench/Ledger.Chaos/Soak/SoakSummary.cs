namespace Ledger.Chaos.Soak;

/// <summary>
/// The soak's figures per node: memory at the end of the warm-up and at the end, the fitted growth after the warm-up
/// (MiB per hour and per 100,000 transfers), and the maxima of the pool, the filters and the peer queues.
/// </summary>
public sealed record SoakSummary(
    int Transactions,
    int Accounts,
    int Rate,
    long Committed,
    double DurationMinutes,
    double AchievedRate,
    long SendErrors,
    IReadOnlyList<SoakNodeFigures> Nodes);

public sealed record SoakNodeFigures(
    int Node,
    double ResidentAfterWarmupMiB,
    double ResidentEndMiB,
    double ResidentMaxMiB,
    double GrowthMiBPerHour,
    double GrowthMiBPer100kTransfers,
    double PoolMax,
    double PoolEnd,
    double FiltersMax,
    double FiltersEnd,
    double PeerQueuedMax,
    double PeerQueuedEnd)
{
    public static SoakNodeFigures From(int node, IReadOnlyList<SoakSample> samples, double warmupSeconds)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var mine = samples.Where(s => s.Node == node && s.ResidentMiB > 0).OrderBy(s => s.AtSeconds).ToList();
        var steady = mine.Where(s => s.AtSeconds >= warmupSeconds).ToList();
        if (steady.Count < 2)
        {
            steady = mine;
        }

        var (perSecond, perTransfer) = (Slope(steady, s => s.AtSeconds), Slope(steady, s => s.Committed));
        return new SoakNodeFigures(
            node,
            Math.Round(steady.FirstOrDefault()?.ResidentMiB ?? 0, 1),
            Math.Round(mine.LastOrDefault()?.ResidentMiB ?? 0, 1),
            Math.Round(mine.Count == 0 ? 0 : mine.Max(s => s.ResidentMiB), 1),
            Math.Round(perSecond * 3600, 1),
            Math.Round(perTransfer * 100_000, 2),
            mine.Count == 0 ? 0 : mine.Max(s => s.PoolSize),
            mine.LastOrDefault()?.PoolSize ?? 0,
            mine.Count == 0 ? 0 : mine.Max(s => s.Filters),
            mine.LastOrDefault()?.Filters ?? 0,
            mine.Count == 0 ? 0 : mine.Max(s => s.PeerQueued),
            mine.LastOrDefault()?.PeerQueued ?? 0);
    }

    /// <summary>Least-squares slope of resident MiB against <paramref name="x"/>.</summary>
    internal static double Slope(IReadOnlyList<SoakSample> samples, Func<SoakSample, double> x)
    {
        if (samples.Count < 2)
        {
            return 0;
        }

        var meanX = samples.Average(x);
        var meanY = samples.Average(s => s.ResidentMiB);
        var covariance = samples.Sum(s => (x(s) - meanX) * (s.ResidentMiB - meanY));
        var variance = samples.Sum(s => (x(s) - meanX) * (x(s) - meanX));
        return variance == 0 ? 0 : covariance / variance;
    }
}
