using System.Text.Json;
using Ledger.Chaos;
using Ledger.Chaos.Campaign;
using Ledger.Chaos.Soak;

// ledger-chaos: seeded fault-injection scenarios against four real `ledger run` processes (docs/RELIABILITY.md).
if (args.Length > 0 && args[0] == "soak")
{
    return await SoakCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "report")
{
    return await ReportCommand.RunAsync(args[1..]);
}

ChaosOptions options;
try
{
    options = ChaosOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    Console.Error.WriteLine(ChaosOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

Console.WriteLine($"ledger-chaos: seed {options.Seed}, scenarios {options.First}..{options.First + options.Count - 1}{(options.Only is { } only ? $", class {only}" : "")}, rate {options.Runner.Rate}/s");
var runner = new CampaignRunner(options.Seed, options.Runner, Console.Out, Console.Error);
var (summary, results) = await runner.RunAsync(
    options.Indices,
    options.Only,
    options.LinesFile is { } lines ? result => ResultLines.AppendAsync(lines, result) : null,
    cancel.Token);
Console.WriteLine(summary.ToJson());
if (options.JsonFile is { } file)
{
    await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { summary, results }, new JsonSerializerOptions { WriteIndented = true }));
    Console.Error.WriteLine($"wrote {file}");
}

if (options.ReportFile is { } report)
{
    await File.WriteAllTextAsync(report, ReliabilityReport.Markdown(summary, results, "ledger-chaos " + string.Join(' ', args)));
    Console.Error.WriteLine($"wrote {report}");
}

return summary.Passed == summary.Scenarios && summary.Scenarios > 0 ? 0 : 1;
