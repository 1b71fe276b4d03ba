using System.Globalization;
using System.Text;
using Ledger.Chaos.Scenarios;

namespace Ledger.Chaos.Campaign;

/// <summary>The campaign's figures as the Markdown tables of docs/RELIABILITY.md (written with <c>--report FILE</c>).</summary>
public static class ReliabilityReport
{
    public static string Markdown(CampaignSummary summary, IReadOnlyList<ScenarioResult> results, string command)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"Command: `{command}` — {summary.Scenarios} scenarios in {summary.ElapsedMinutes:F0} min.");
        text.AppendLine();
        text.AppendLine("| Scenarios | Passed | Payments acknowledged | Committed | Dropped with a reason | Resent (after a crash) | **Lost** | Forgotten | **Forks** | Convergence p50 / p99 / max |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        text.AppendLine(invariant,
            $"| {summary.Scenarios} | {summary.Passed} | {summary.Acknowledged:N0} | {summary.Committed:N0} | {summary.DroppedWithReason} | {summary.Resent} ({summary.ResentAfterCrash}) | **{summary.Lost}** | {summary.Forgotten} | **{summary.Forks}** | {summary.ConvergenceP50Seconds:F1} s / {summary.ConvergenceP99Seconds:F1} s / {summary.ConvergenceMaxSeconds:F1} s |");
        text.AppendLine();
        text.AppendLine(invariant,
            $"Convergence measured from \"every node up\" (each restarted process started and answering JSON-RPC), in the {summary.UpMeasured} scenarios that recorded it: " +
            $"every node up {summary.UpAfterHealP50Seconds:F1} s (p50) / {summary.UpAfterHealMaxSeconds:F1} s (max) after the heal; from then to convergence " +
            $"{summary.ConvergenceFromUpP50Seconds:F1} s / {summary.ConvergenceFromUpP99Seconds:F1} s / {summary.ConvergenceFromUpMaxSeconds:F1} s (p50 / p99 / max).");
        text.AppendLine();
        text.AppendLine("Faults injected:");
        text.AppendLine();
        text.AppendLine("| " + string.Join(" | ", summary.FaultsInjected.Keys.Order()) + " |");
        text.AppendLine("|" + string.Concat(Enumerable.Repeat("---:|", summary.FaultsInjected.Count)));
        text.AppendLine("| " + string.Join(" | ", summary.FaultsInjected.OrderBy(p => p.Key).Select(p => p.Value.ToString(invariant))) + " |");
        text.AppendLine();
        text.AppendLine("Per fault class (committed payments per second before the faults → during → after the heal; offered rate in the command; acknowledgement-to-commit latency inside the fault window):");
        text.AppendLine();
        text.AppendLine("| Class | Scenarios | Passed | Acknowledged | Lost | tx/s before | tx/s during | tx/s after | p50 latency | p99 latency | Convergence from heal p50 / max | Every node up, max | Convergence from up p50 / max |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|");
        foreach (var c in summary.Classes)
        {
            text.AppendLine(invariant,
                $"| {c.Class} | {c.Scenarios} | {c.Passed} | {c.Acknowledged:N0} | {c.Lost} | {c.BaselineRate:F1} | {c.FaultRate:F1} | {c.AfterHealRate:F1} | {c.LatencyP50Ms:F0} ms | {c.LatencyP99Ms:F0} ms | {c.ConvergenceP50Seconds:F1} s / {c.ConvergenceMaxSeconds:F1} s | {c.UpAfterHealMaxSeconds:F1} s | {c.ConvergenceFromUpP50Seconds:F1} s / {c.ConvergenceFromUpMaxSeconds:F1} s |");
        }

        text.AppendLine();
        text.AppendLine(invariant, $"Largest resident memory of any node in any scenario: {summary.MaxResidentMiB:F0} MiB.");
        if (summary.Failed.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Failed scenarios:");
            text.AppendLine();
            foreach (var failure in summary.Failed)
            {
                text.AppendLine(invariant, $"- {failure}");
            }
        }

        return text.ToString();
    }
}
