using Ledger.Chaos.Checks;

namespace Ledger.Chaos.Scenarios;

/// <summary>What one scenario did and found; <see cref="Passed"/> when no invariant broke.</summary>
public sealed record ScenarioResult
{
    public required long CampaignSeed { get; init; }

    public required int Index { get; init; }

    public required long Seed { get; init; }

    public required FaultClass Class { get; init; }

    public required string Schedule { get; init; }

    /// <summary>The class, or the classes of a sequence.</summary>
    public string Name { get; init; } = "";

    public IReadOnlyList<Violation> Violations { get; init; } = [];

    public bool Passed => Violations.Count == 0;

    public AckSummary? Payments { get; init; }

    /// <summary>Seconds from the heal until every node held a block finalised after the heal (the worst segment); null if never.</summary>
    public double? ConvergenceSeconds { get; init; }

    /// <summary>
    /// Seconds from the heal until every node was up (restarted processes started and answering JSON-RPC), worst segment;
    /// null if some node never answered, or in lines written before this was recorded.
    /// </summary>
    public double? UpAfterHealSeconds { get; init; }

    /// <summary>Seconds from "every node up" until convergence (worst segment): catch-up and consensus without process start.</summary>
    public double? ConvergenceFromUpSeconds { get; init; }

    /// <summary>Committed payments per second before the fault window, inside it, and after the heal.</summary>
    public double BaselineRate { get; init; }

    public double FaultRate { get; init; }

    public double AfterHealRate { get; init; }

    /// <summary>Acknowledgement-to-commit latency of payments acknowledged inside the fault window (ms).</summary>
    public double LatencyP50Ms { get; init; }

    public double LatencyP99Ms { get; init; }

    public IReadOnlyList<double> MaxResidentMiB { get; init; } = [];

    public IReadOnlyDictionary<string, int> FaultsInjected { get; init; } = new Dictionary<string, int>();

    public ulong FinalHeight { get; init; }

    /// <summary>Round timeouts the nodes needed between each heal and convergence (0: they resumed without waiting out a timer).</summary>
    public int RecoveryTimeouts { get; init; }

    /// <summary><see cref="RecoveryTimeouts"/> of each segment in turn (a sequence tells which heal needed a timer).</summary>
    public IReadOnlyList<int> RecoveryTimeoutsBySegment { get; init; } = [];

    /// <summary>
    /// Per segment: new heights finalised from 5 s into the fault window until the heal (the rise of the highest head of
    /// any node; null: a window of 5 s or less). Under a split that leaves no side a quorum this must be 0: the proof the partition took effect.
    /// </summary>
    public IReadOnlyList<int?> FinalisedInWindowBySegment { get; init; } = [];

    public double ElapsedSeconds { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Where the failed scenario's node logs were kept, if any.</summary>
    public string? KeptAt { get; init; }

    public string OneLine() =>
        $"#{Index,-4} {(Name.Length > 0 ? Name : Class.ToString()),-16} {(Passed ? "ok  " : "FAIL")} acked={Payments?.Acknowledged ?? 0} committed={Payments?.Committed ?? 0} " +
        $"dropped={Payments?.DroppedWithReason ?? 0} resent={Payments?.Resent ?? 0}({Payments?.ResentAfterCrash ?? 0} after crash) lost={Payments?.Lost ?? 0} " +
        $"forks={Violations.Count(v => v.Kind == ViolationKind.Fork)} converge={(ConvergenceSeconds is { } c ? $"{c:F1}s" : "never")} up={(UpAfterHealSeconds is { } u ? $"{u:F1}s" : "never")} fromUp={(ConvergenceFromUpSeconds is { } f ? $"{f:F1}s" : "never")} timeouts={RecoveryTimeouts} " +
        $"tx/s {BaselineRate:F1}→{FaultRate:F1}→{AfterHealRate:F1} rss≤{(MaxResidentMiB.Count > 0 ? MaxResidentMiB.Max() : 0):F0}MiB " +
        $"{ElapsedSeconds:F0}s seed={Seed}";
}
