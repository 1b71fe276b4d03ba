using Ledger.IntegrationTests.Infrastructure;

namespace Ledger.IntegrationTests;

/// <summary>
/// The ethers.js recipe of docs/security.md against a real `ledger run` that requires bearer tokens
/// (tests/e2e/auth/bearer.mjs): 401 without a token over HTTP and at the WebSocket upgrade, a reader reading but
/// refused the pool and submission, a submitter's transfer committing, subscriptions authorized per kind.
/// </summary>
public sealed class JavaScriptAuthClientTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-js-auth-it-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    [Fact]
    public async Task Ethers_passes_bearer_tokens_over_HTTP_and_WebSocket_and_is_held_to_each_role()
    {
        var (genesis, key) = NodeFiles.Write(_folder);
        var secret = Path.Combine(_folder, "jwt.secret");
        await File.WriteAllTextAsync(secret, Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) + "\n");
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var tokens = new Dictionary<string, string>
        {
            ["LEDGER_READER_TOKEN"] = await IssueAsync(secret, "js-reader", "reader"),
            ["LEDGER_SUBMITTER_TOKEN"] = await IssueAsync(secret, "js-payments", "submitter"),
            ["LEDGER_OPERATOR_TOKEN"] = await IssueAsync(secret, "js-ops", "operator"),
        };
        using var node = LedgerProcess.StartRun(genesis, key, Path.Combine(_folder, "data"), 0, 0, ["--auth-jwt-secret-file", secret]);

        await JavaScriptSuite.AssertPassesAsync(node.RpcUrl, ["auth/bearer.mjs"], () => node.Output, tokens);
    }

    private async Task<string> IssueAsync(string secret, string subject, string role)
    {
        var result = await ExternalCommand.RunAsync(
            "dotnet", [RepoPaths.LedgerDll, "token", "issue", "--secret-file", secret, "--subject", subject, "--role", role, "--ttl", "1h"], _folder, null, Patience);
        Assert.True(result.ExitCode == 0, result.Output);
        return Assert.Single(
            result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            l => l.Count(c => c == '.') == 2 && !l.StartsWith("ledger:", StringComparison.Ordinal));
    }
}
