using System.Text.Json;
using Ledger.IntegrationTests.Infrastructure;

namespace Ledger.IntegrationTests;

/// <summary>
/// The wallet against a node that requires authentication (issue 13, item 1): without a token it stops with a clear
/// message naming --token-file; with one (`--token-file`) it works over gRPC and JSON-RPC; a token limited to some
/// accounts cannot read another account's history; the token never appears in what the wallet prints.
/// </summary>
public sealed class WalletAuthTests : IDisposable
{
    private const string Account1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private const string Account2 = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-wallet-auth-it-").FullName;

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
    public async Task Wallet_needs_a_token_file_and_is_limited_to_the_accounts_of_its_token()
    {
        var (genesis, key) = NodeFiles.Write(_folder);
        var secret = Path.Combine(_folder, "jwt.secret");
        await File.WriteAllTextAsync(secret, Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) + "\n");
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var reader = await IssueAsync(secret, "reader.jwt", ["--subject", "dashboard", "--role", "reader"]);
        var customer = await IssueAsync(secret, "customer.jwt", ["--subject", "alice-app", "--role", "submitter", "--accounts", Account1]);
        using var node = LedgerProcess.StartRun(genesis, key, Path.Combine(_folder, "data"), 0, 0, ["--auth-jwt-secret-file", secret]);
        var grpc = $"{node.GrpcUrl.Host}:{node.GrpcUrl.Port}";
        var rpc = node.RpcUrl.ToString();

        var anonymous = await WalletRunner.RunAsync("--node", grpc, "balance", "--address", Account2);
        var anonymousRpc = await WalletRunner.RunAsync("--rpc", rpc, "balance", "--address", Account2);
        var withToken = await WalletRunner.RunAsync("--node", grpc, "--token-file", reader.Path, "balance", "--address", Account2, "--json");
        var withTokenRpc = await WalletRunner.RunAsync("--rpc", rpc, "--token-file", reader.Path, "balance", "--address", Account2, "--json");
        var ownHistory = await WalletRunner.RunAsync("--node", grpc, "--token-file", customer.Path, "history", "--address", Account1, "--json");
        var otherHistory = await WalletRunner.RunAsync("--node", grpc, "--token-file", customer.Path, "history", "--address", Account2);
        var missingFile = await WalletRunner.RunAsync("--node", grpc, "--token-file", Path.Combine(_folder, "nope.jwt"), "balance", "--address", Account2);

        Assert.True(anonymous.ExitCode == 4, anonymous.ToString());
        Assert.Contains("requires authentication: pass --token-file", anonymous.Error, StringComparison.Ordinal);
        Assert.True(anonymousRpc.ExitCode == 4, anonymousRpc.ToString());
        Assert.Contains("requires authentication: pass --token-file", anonymousRpc.Error, StringComparison.Ordinal);
        Assert.True(withToken.ExitCode == 0, withToken.ToString());
        Assert.True(withTokenRpc.ExitCode == 0, withTokenRpc.ToString());
        Assert.Equal(JsonDocument.Parse(withToken.Output).RootElement.ToString(), JsonDocument.Parse(withTokenRpc.Output).RootElement.ToString());
        Assert.Contains("USDA", withToken.Output, StringComparison.Ordinal);
        Assert.True(ownHistory.ExitCode == 0, ownHistory.ToString());
        Assert.True(otherHistory.ExitCode == 3, otherHistory.ToString());
        Assert.Contains("may read only its own accounts", otherHistory.Error, StringComparison.Ordinal);
        Assert.True(missingFile.ExitCode == 2, missingFile.ToString());
        SecretsAssert.NoneIn(
            [.. new[] { anonymous, anonymousRpc, withToken, withTokenRpc, ownHistory, otherHistory, missingFile }.Select(r => r.ToString()), node.Output],
            [reader.Token, customer.Token, reader.Token.Split('.')[2], customer.Token.Split('.')[2]]);
    }

    /// <summary>`ledger token issue … > FILE`, as an operator hands a token to an app.</summary>
    private async Task<(string Path, string Token)> IssueAsync(string secret, string fileName, string[] arguments)
    {
        var result = await ExternalCommand.RunAsync(
            "dotnet", [RepoPaths.LedgerDll, "token", "issue", "--secret-file", secret, "--ttl", "1h", .. arguments], _folder, null, Patience);
        Assert.True(result.ExitCode == 0, result.Output);
        var token = Assert.Single(
            result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            l => l.Count(c => c == '.') == 2 && !l.StartsWith("ledger:", StringComparison.Ordinal));
        var path = Path.Combine(_folder, fileName);
        await File.WriteAllTextAsync(path, token + "\n");
        return (path, token);
    }
}
