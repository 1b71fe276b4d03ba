using Ledger.Chaos.Scenarios;

namespace Ledger.Chaos.Campaign;

/// <summary>Per fault class: how many scenarios, and mean committed payments per second before, during and after the faults.</summary>
public sealed record ClassFigures(
    FaultClass Class,
    int Scenarios,
    int Passed,
    int Acknowledged,
    int Lost,
    double BaselineRate,
    double FaultRate,
    double AfterHealRate,
    double LatencyP50Ms,
    double LatencyP99Ms,
    double ConvergenceP50Seconds,
    double ConvergenceMaxSeconds,
    double ConvergenceFromUpP50Seconds,
    double ConvergenceFromUpMaxSeconds,
    double UpAfterHealMaxSeconds)
{
    public static ClassFigures From(IGrouping<FaultClass, ScenarioResult> group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var list = group.ToList();
        var convergence = CampaignSummary.Sorted(list.Select(r => r.ConvergenceSeconds));
        var fromUp = CampaignSummary.Sorted(list.Select(r => r.ConvergenceFromUpSeconds));
        var up = CampaignSummary.Sorted(list.Select(r => r.UpAfterHealSeconds));
        return new ClassFigures(
            group.Key,
            list.Count,
            list.Count(r => r.Passed),
            list.Sum(r => r.Payments?.Acknowledged ?? 0),
            list.Sum(r => r.Payments?.Lost ?? 0),
            Math.Round(list.Average(r => r.BaselineRate), 1),
            Math.Round(list.Average(r => r.FaultRate), 1),
            Math.Round(list.Average(r => r.AfterHealRate), 1),
            Math.Round(list.Average(r => r.LatencyP50Ms), 0),
            Math.Round(list.Average(r => r.LatencyP99Ms), 0),
            Measurements.Percentile(convergence, 0.5),
            convergence.Count == 0 ? 0 : convergence[^1],
            Measurements.Percentile(fromUp, 0.5),
            fromUp.Count == 0 ? 0 : fromUp[^1],
            up.Count == 0 ? 0 : up[^1]);
    }
}
