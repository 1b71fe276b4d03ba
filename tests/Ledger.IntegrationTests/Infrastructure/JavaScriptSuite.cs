using System.Text.RegularExpressions;

namespace Ledger.IntegrationTests.Infrastructure;

/// <summary>
/// Runs tests/e2e (ethers.js, web3.js; node's built-in test runner) against a node's JSON-RPC URL and asserts that
/// every test passed, reading the TAP summary. Shared by the dev-node and the testnet client tests.
/// </summary>
public static partial class JavaScriptSuite
{
    /// <summary>
    /// Installs the npm packages if needed, runs <paramref name="files"/> (all of test/ when empty) with
    /// LEDGER_RPC_URL = <paramref name="rpcUrl"/> (and <paramref name="environment"/>, e.g. bearer tokens), and fails
    /// with the JavaScript and node output otherwise.
    /// </summary>
    public static async Task AssertPassesAsync(Uri rpcUrl, IReadOnlyList<string> files, Func<string> nodeOutput, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(rpcUrl);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(nodeOutput);
        var e2e = RepoPaths.E2eDirectory;
        if (NeedsInstall(e2e))
        {
            var install = await ExternalCommand.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], e2e, null, TimeSpan.FromMinutes(5));
            Assert.True(install.ExitCode == 0, $"`npm ci` in {e2e} failed with exit code {install.ExitCode}:\n{install.Output}");
        }

        var run = await ExternalCommand.RunAsync(
            "node",
            ["--test", "--test-reporter=tap", .. files],
            e2e,
            new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["LEDGER_RPC_URL"] = rpcUrl.ToString().TrimEnd('/') },
            TimeSpan.FromMinutes(5));

        var report = $"node --test exited with {run.ExitCode}. JavaScript output:\n{run.Output}\n--- node output ---\n{nodeOutput()}";
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
