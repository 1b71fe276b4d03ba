using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledger.LoadGen;

/// <summary>
/// Where a consortium's time went during the run: each node's <c>ledger_consensus_phase_seconds{phase}</c>
/// histogram sums and counts read from <c>/metrics</c> before and after, subtracted, and reported as the mean
/// milliseconds per block of each phase averaged over the nodes. A node without the metric (`ledger dev`, which
/// runs no consensus) contributes nothing; if no node has it the report omits the section.
/// </summary>
public static partial class PhaseTimes
{
    public static async Task<Dictionary<string, (double Sum, double Count)>[]> ReadAsync(IReadOnlyList<Uri> nodes, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var result = new Dictionary<string, (double Sum, double Count)>[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            result[i] = [];
            string text;
            try
            {
                text = await http.GetStringAsync(new Uri(nodes[i], "/metrics"), cancellationToken);
            }
            catch (HttpRequestException)
            {
                continue;
            }

            foreach (Match match in PhaseLine().Matches(text))
            {
                var phase = match.Groups["phase"].Value;
                var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
                var (sum, count) = result[i].GetValueOrDefault(phase);
                result[i][phase] = match.Groups["kind"].Value == "sum" ? (value, count) : (sum, value);
            }
        }

        return result;
    }

    /// <summary>Mean milliseconds per block of each phase between the two readings, averaged over the nodes.</summary>
    public static IReadOnlyDictionary<string, double>? MeanPerBlock(
        Dictionary<string, (double Sum, double Count)>[] before, Dictionary<string, (double Sum, double Count)>[] after)
    {
        var perPhase = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var i = 0; i < after.Length; i++)
        {
            foreach (var (phase, (sum, count)) in after[i])
            {
                var (sumBefore, countBefore) = before[i].GetValueOrDefault(phase);
                if (count - countBefore >= 1)
                {
                    (perPhase.TryGetValue(phase, out var list) ? list : perPhase[phase] = []).Add(1000 * (sum - sumBefore) / (count - countBefore));
                }
            }
        }

        return perPhase.Count == 0 ? null : perPhase.ToDictionary(p => p.Key, p => Math.Round(p.Value.Average(), 1), StringComparer.Ordinal);
    }

    [GeneratedRegex("""^ledger_consensus_phase_seconds_(?<kind>sum|count)\{phase="(?<phase>\w+)"\} (?<value>\S+)$""", RegexOptions.Multiline)]
    private static partial Regex PhaseLine();
}
