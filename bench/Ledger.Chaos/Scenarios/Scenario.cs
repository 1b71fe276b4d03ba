using System.Text;
using Ledger.Chaos.Cluster;

namespace Ledger.Chaos.Scenarios;

/// <summary>
/// One seeded scenario: its class, the cluster it needs (tmpfs disks, skewed clocks), the fault window's length and the
/// schedule inside it. Everything here derives from (campaign seed, index), so <c>--seed S --scenario K</c> rebuilds it.
/// At the end of the window everything heals (links cleared, paused nodes resumed, stopped nodes started).
/// </summary>
public sealed record Scenario(long CampaignSeed, int Index, long Seed, FaultClass Class, ClusterPlan Plan, double WindowSeconds, IReadOnlyList<ScheduledFault> Steps)
{
    /// <summary>Restart the skewed node with the true clock at the heal (else the skew stays to the end).</summary>
    public bool FixClockAtHeal { get; init; }

    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"scenario {Index} of campaign seed {CampaignSeed} (scenario seed {Seed}): {Class}, fault window {WindowSeconds:F0} s");
        foreach (var (node, offset) in Plan.ClockOffsets)
        {
            text.AppendLine($"  node {node} runs with its clock {offset:+0;-0} s off{(FixClockAtHeal ? " (fixed at the heal)" : " (to the end)")}");
        }

        foreach (var node in Plan.SmallDisks)
        {
            text.AppendLine($"  node {node} keeps its data on a {Plan.VolumeMiB} MiB tmpfs");
        }

        foreach (var step in Steps)
        {
            text.AppendLine($"  {step}");
        }

        text.Append($"  +{WindowSeconds,5:F1} s  heal everything");
        return text.ToString();
    }
}
