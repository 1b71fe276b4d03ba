using System.Globalization;

namespace Ledger.Chaos.Checks;

/// <summary>Reads single values from a node's Prometheus text at <c>/metrics</c> (on the JSON-RPC port).</summary>
public static class NodeMetricsReader
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>All samples of the node's /metrics, by full series name (with labels), or null when it does not answer.</summary>
    public static async Task<IReadOnlyDictionary<string, double>?> ReadAsync(Uri rpcUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rpcUrl);
        try
        {
            var text = await Http.GetStringAsync(new Uri(rpcUrl, "/metrics"), cancellationToken);
            return Parse(text);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public static Dictionary<string, double> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            if (space > 0 && double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                samples[line[..space]] = value;
            }
        }

        return samples;
    }
}
