namespace Ledger.Chaos.Campaign;

/// <summary><c>ledger-chaos report --out FILE LINES...</c>: the Markdown figures of one or more <c>--lines</c> files.</summary>
public static class ReportCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var outIndex = Array.IndexOf(args, "--out");
        if (outIndex < 0 || outIndex + 1 >= args.Length || args.Length < 3)
        {
            await Console.Error.WriteLineAsync("usage: ledger-chaos report --out FILE LINES-FILE...");
            return 2;
        }

        var output = args[outIndex + 1];
        var inputs = args.Where((_, i) => i != outIndex && i != outIndex + 1).ToList();
        var results = ResultLines.Read(inputs);
        var seeds = results.Select(r => r.CampaignSeed).Distinct().ToList();
        var elapsed = TimeSpan.FromSeconds(results.Sum(r => r.ElapsedSeconds));
        var summary = CampaignSummary.From(seeds.Count == 1 ? seeds[0] : 0, results, elapsed);
        var command = $"ledger-chaos --seed {string.Join("/", seeds)} (indices {results.Min(r => r.Index)}–{results.Max(r => r.Index)})";
        await File.WriteAllTextAsync(output, ReliabilityReport.Markdown(summary, results, command));
        Console.WriteLine(summary.ToJson());
        return 0;
    }
}
