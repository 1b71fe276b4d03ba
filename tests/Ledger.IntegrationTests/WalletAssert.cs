using System.Globalization;
using System.Text.Json;

namespace Ledger.IntegrationTests;

/// <summary>Reading wallet runs in the wallet end-to-end tests: JSON of a successful run, an expected failure.</summary>
internal static class WalletAssert
{
    /// <summary>The run's JSON output; the run must have succeeded (its output is shown otherwise).</summary>
    public static async Task<JsonElement> Json(Task<WalletRun> running)
    {
        var run = await running;
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonDocument.Parse(run.Output).RootElement.Clone();
    }

    /// <summary>The run failed with <paramref name="exitCode"/>, one plain line containing <paramref name="message"/>, no stack trace.</summary>
    public static async Task<WalletRun> Fails(Task<WalletRun> running, int exitCode, string message)
    {
        var run = await running;
        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        return run;
    }

    /// <summary>The balance of <paramref name="symbol"/> in a `balance --json` answer.</summary>
    public static decimal Balance(JsonElement balance, string symbol) =>
        decimal.Parse(
            balance.GetProperty("balances").EnumerateArray().First(b => b.GetProperty("symbol").GetString() == symbol).GetProperty("amount").GetString()!,
            CultureInfo.InvariantCulture);

    public static decimal Amount(JsonElement element, string property) =>
        decimal.Parse(element.GetProperty(property).GetString()!, CultureInfo.InvariantCulture);
}
