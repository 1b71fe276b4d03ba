using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Chaos.Scenarios;

namespace Ledger.Chaos.Campaign;

/// <summary>
/// One JSON line per finished scenario, appended as the campaign goes (<c>--lines FILE</c>), so hours of results survive
/// an interrupted run and several runs (index ranges) can be merged into one report (<c>ledger-chaos report</c>).
/// </summary>
public static class ResultLines
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task AppendAsync(string path, ScenarioResult result)
    {
        await File.AppendAllTextAsync(path, JsonSerializer.Serialize(result, Json) + "\n");
    }

    public static IReadOnlyList<ScenarioResult> Read(IEnumerable<string> paths) =>
        [.. paths.SelectMany(File.ReadLines)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<ScenarioResult>(line, Json) ?? throw new FormatException($"not a scenario result: {line[..Math.Min(80, line.Length)]}"))
            .GroupBy(r => (r.CampaignSeed, r.Index))
            .Select(g => g.Last())
            .OrderBy(r => r.Index)];
}
