using Ledger.Chaos.Workload;

namespace Ledger.Chaos.Scenarios;

/// <summary>Throughput per phase (payments committed per second) and acknowledgement-to-commit latency inside the fault window.</summary>
public sealed record Measurements
{
    public double Baseline { get; init; }

    public double Fault { get; init; }

    public double AfterHeal { get; init; }

    public double P50 { get; init; }

    public double P99 { get; init; }

    /// <summary>Seconds from the heal until every node held a block finalised after it; worst segment.</summary>
    public double? Convergence { get; init; }

    /// <summary>Seconds from the heal until every node answered JSON-RPC (restarted processes up); worst segment.</summary>
    public double? UpAfterHeal { get; init; }

    /// <summary>Seconds from "every node up" until convergence: consensus and catch-up alone, without process start.</summary>
    public double? ConvergenceFromUp { get; init; }

    public static Measurements From(IReadOnlyCollection<PaymentRecord> records, TimeSpan warmStart, TimeSpan faultStart, TimeSpan heal, TimeSpan afterHealEnd)
    {
        ArgumentNullException.ThrowIfNull(records);
        var commits = new List<TimeSpan>();
        var latencies = new List<double>();
        foreach (var record in records)
        {
            lock (record.Sync)
            {
                if (record.CommittedAt is not { } committed)
                {
                    continue;
                }

                commits.Add(committed);
                if (record.Acks.Count > 0)
                {
                    var acked = record.Acks.Min(a => a.At);
                    if (acked >= faultStart && acked < heal)
                    {
                        latencies.Add((committed - acked).TotalMilliseconds);
                    }
                }
            }
        }

        latencies.Sort();
        return new Measurements
        {
            Baseline = Rate(commits, warmStart, faultStart),
            Fault = Rate(commits, faultStart, heal),
            AfterHeal = Rate(commits, heal, afterHealEnd),
            P50 = Percentile(latencies, 0.50),
            P99 = Percentile(latencies, 0.99),
        };
    }

    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)], 1);
    }

    private static double Rate(List<TimeSpan> commits, TimeSpan from, TimeSpan to)
    {
        var seconds = (to - from).TotalSeconds;
        return seconds <= 0 ? 0 : Math.Round(commits.Count(c => c >= from && c < to) / seconds, 1);
    }
}
