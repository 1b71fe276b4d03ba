using System.Text.Json;

namespace Ledger.Chaos.Soak;

/// <summary><c>ledger-chaos soak</c>: runs the soak and prints its summary as JSON (samples too with --out).</summary>
public static class SoakCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<int> RunAsync(string[] args)
    {
        SoakOptions options;
        try
        {
            options = SoakOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            await Console.Error.WriteLineAsync(SoakOptions.Usage);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var (summary, samples) = await new SoakRun(options, Console.Error).RunAsync(cancel.Token);
        Console.WriteLine(JsonSerializer.Serialize(summary, Json));
        if (options.OutFile is { } file)
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { summary, samples }, Json));
            await Console.Error.WriteLineAsync($"wrote {file}");
        }

        return summary.Committed >= summary.Transactions ? 0 : 1;
    }
}
