using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Chaos.Checks;
using Ledger.Chaos.Scenarios;

namespace Ledger.Chaos.Campaign;

/// <summary>The campaign's totals, printed as JSON at the end and used for docs/RELIABILITY.md.</summary>
public sealed record CampaignSummary
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public required long Seed { get; init; }

    public int Scenarios { get; init; }

    public int Passed { get; init; }

    public IReadOnlyList<string> Failed { get; init; } = [];

    public int Signed { get; init; }

    public int Acknowledged { get; init; }

    public int Committed { get; init; }

    public int DroppedWithReason { get; init; }

    public int Resent { get; init; }

    public int ResentAfterCrash { get; init; }

    public int Lost { get; init; }

    public int Forgotten { get; init; }

    public int Forks { get; init; }

    public IReadOnlyDictionary<string, int> FaultsInjected { get; init; } = new Dictionary<string, int>();

    public IReadOnlyDictionary<string, int> ViolationsByKind { get; init; } = new Dictionary<string, int>();

    public double ConvergenceP50Seconds { get; init; }

    public double ConvergenceP99Seconds { get; init; }

    public double ConvergenceMaxSeconds { get; init; }

    /// <summary>Scenarios that recorded "every node up" (lines written before it was recorded have none).</summary>
    public int UpMeasured { get; init; }

    public double UpAfterHealP50Seconds { get; init; }

    public double UpAfterHealMaxSeconds { get; init; }

    public double ConvergenceFromUpP50Seconds { get; init; }

    public double ConvergenceFromUpP99Seconds { get; init; }

    public double ConvergenceFromUpMaxSeconds { get; init; }

    public IReadOnlyList<ClassFigures> Classes { get; init; } = [];

    public double MaxResidentMiB { get; init; }

    public double ElapsedMinutes { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static CampaignSummary From(long seed, IReadOnlyList<ScenarioResult> results, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(results);
        var convergence = results.Where(r => r.ConvergenceSeconds is not null).Select(r => r.ConvergenceSeconds!.Value).Order().ToList();
        var up = Sorted(results.Select(r => r.UpAfterHealSeconds));
        var fromUp = Sorted(results.Select(r => r.ConvergenceFromUpSeconds));
        var faults = new Dictionary<string, int>();
        foreach (var (kind, count) in results.SelectMany(r => r.FaultsInjected))
        {
            faults[kind] = faults.GetValueOrDefault(kind) + count;
        }

        return new CampaignSummary
        {
            Seed = seed,
            Scenarios = results.Count,
            Passed = results.Count(r => r.Passed),
            Failed = [.. results.Where(r => !r.Passed).Select(r => $"#{r.Index} {r.Class} (seed {r.Seed}): {string.Join("; ", r.Violations.Take(3))}")],
            Signed = results.Sum(r => r.Payments?.Signed ?? 0),
            Acknowledged = results.Sum(r => r.Payments?.Acknowledged ?? 0),
            Committed = results.Sum(r => r.Payments?.Committed ?? 0),
            DroppedWithReason = results.Sum(r => r.Payments?.DroppedWithReason ?? 0),
            Resent = results.Sum(r => r.Payments?.Resent ?? 0),
            ResentAfterCrash = results.Sum(r => r.Payments?.ResentAfterCrash ?? 0),
            Lost = results.Sum(r => r.Payments?.Lost ?? 0),
            Forgotten = results.Sum(r => r.Payments?.Forgotten ?? 0),
            Forks = results.Sum(r => r.Violations.Count(v => v.Kind == ViolationKind.Fork)),
            FaultsInjected = faults,
            ViolationsByKind = results.SelectMany(r => r.Violations).GroupBy(v => v.Kind.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            ConvergenceP50Seconds = Measurements.Percentile(convergence, 0.50),
            ConvergenceP99Seconds = Measurements.Percentile(convergence, 0.99),
            ConvergenceMaxSeconds = convergence.Count == 0 ? 0 : convergence[^1],
            UpMeasured = results.Count(r => r.UpAfterHealSeconds is not null),
            UpAfterHealP50Seconds = Measurements.Percentile(up, 0.50),
            UpAfterHealMaxSeconds = up.Count == 0 ? 0 : up[^1],
            ConvergenceFromUpP50Seconds = Measurements.Percentile(fromUp, 0.50),
            ConvergenceFromUpP99Seconds = Measurements.Percentile(fromUp, 0.99),
            ConvergenceFromUpMaxSeconds = fromUp.Count == 0 ? 0 : fromUp[^1],
            Classes = [.. results.GroupBy(r => r.Class).OrderBy(g => g.Key).Select(ClassFigures.From)],
            MaxResidentMiB = results.SelectMany(r => r.MaxResidentMiB).DefaultIfEmpty(0).Max(),
            ElapsedMinutes = Math.Round(elapsed.TotalMinutes, 1),
        };
    }

    internal static List<double> Sorted(IEnumerable<double?> values) => [.. values.Where(v => v is not null).Select(v => v!.Value).Order()];
}
