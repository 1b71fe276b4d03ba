using System.Text.RegularExpressions;
using Ledger.IntegrationTests.Infrastructure;

namespace Ledger.IntegrationTests;

/// <summary>
/// Runs the ethers.js suite in tests/e2e (node's built-in test runner) against a real `ledger dev`, so the
/// README's single test command covers a real Ethereum client end to end.
/// </summary>
public sealed partial class JavaScriptClientTests
{
    [Fact]
    public async Task Ethers_client_suite_passes_against_a_dev_node()
    {
        var e2e = RepoPaths.E2eDirectory;
        if (NeedsInstall(e2e))
        {
            var install = await ExternalCommand.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], e2e, null, TimeSpan.FromMinutes(5));
            Assert.True(install.ExitCode == 0, $"`npm ci` in {e2e} failed with exit code {install.ExitCode}:\n{install.Output}");
        }

        using var node = LedgerProcess.StartDev();
        var run = await ExternalCommand.RunAsync(
            "node",
            ["--test", "--test-reporter=tap"],
            e2e,
            new Dictionary<string, string> { ["LEDGER_RPC_URL"] = node.RpcUrl.ToString().TrimEnd('/') },
            TimeSpan.FromMinutes(5));

        var report = $"node --test exited with {run.ExitCode}. JavaScript output:\n{run.Output}\n--- node output ---\n{node.Output}";
        var passed = Count(PassLine(), run.Output);
        var failed = Count(FailLine(), run.Output);
        var cancelled = Count(CancelledLine(), run.Output);
        Assert.True(run.ExitCode == 0, report);
        Assert.True(passed is >= 1, $"the TAP summary reports {passed?.ToString() ?? "no"} passing tests. {report}");
        Assert.True(failed == 0 && cancelled == 0, $"the TAP summary reports {failed} failed and {cancelled} cancelled tests. {report}");
    }

    private static int? Count(Regex summaryLine, string output) =>
        summaryLine.Match(output) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"^# pass (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex PassLine();

    [GeneratedRegex(@"^# fail (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex FailLine();

    [GeneratedRegex(@"^# cancelled (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex CancelledLine();

    /// <summary>
    /// npm writes node_modules/.package-lock.json on install; when it is missing or older than the committed lock
    /// file, the installed packages may lack what the tests now import, so install again.
    /// </summary>
    private static bool NeedsInstall(string e2e)
    {
        var installed = new FileInfo(Path.Combine(e2e, "node_modules", ".package-lock.json"));
        var locked = new FileInfo(Path.Combine(e2e, "package-lock.json"));
        return !installed.Exists || installed.LastWriteTimeUtc < locked.LastWriteTimeUtc;
    }
}
