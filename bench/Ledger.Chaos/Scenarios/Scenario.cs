using System.Text;
using Ledger.Chaos.Cluster;

namespace Ledger.Chaos.Scenarios;

/// <summary>
/// One seeded scenario: the cluster it needs (tmpfs disks, skewed clocks, consensus timing) and one or more fault windows
/// (<see cref="Segments"/>), each healed and converged before the next. Everything derives from (campaign seed, index),
/// so <c>--seed S --scenario K</c> rebuilds it.
/// </summary>
public sealed record Scenario(long CampaignSeed, int Index, long Seed, ClusterPlan Plan, IReadOnlyList<ScenarioSegment> Segments)
{
    /// <summary>The class of a one-window scenario; <see cref="FaultClass.Mixed"/> for a sequence.</summary>
    public FaultClass Class => Segments.Count == 1 ? Segments[0].Class : FaultClass.Mixed;

    public string Name => Segments.Count == 1 ? Class.ToString() : $"Sequence({string.Join(",", Segments.Select(s => s.Class))})";

    public string Describe()
    {
        var text = new StringBuilder();
        text.Append($"scenario {Index} of campaign seed {CampaignSeed} (scenario seed {Seed}): {Name}");
        foreach (var (node, offset) in Plan.ClockOffsets)
        {
            text.AppendLine().Append($"  node {node} runs with its clock {offset:+0;-0} s off");
        }

        foreach (var node in Plan.SmallDisks)
        {
            text.AppendLine().Append($"  node {node} keeps its data on a {Plan.VolumeMiB} MiB tmpfs");
        }

        if (Plan.RoundTimeoutMs is not null || Plan.MaxRoundTimeoutMs is not null)
        {
            text.AppendLine().Append($"  round timeout {Plan.RoundTimeoutMs?.ToString() ?? "genesis"} ms, capped at {Plan.MaxRoundTimeoutMs?.ToString() ?? "genesis"} ms");
        }

        foreach (var segment in Segments)
        {
            text.AppendLine().Append($"  {segment.Class}: fault window {segment.WindowSeconds:F0} s");
            foreach (var step in segment.Steps)
            {
                text.AppendLine().Append($"    {step}");
            }

            text.AppendLine().Append($"    +{segment.WindowSeconds,5:F1} s  heal everything{(segment.FixClockAtHeal ? " (and fix the skewed clock)" : "")}");
        }

        return text.ToString();
    }
}
