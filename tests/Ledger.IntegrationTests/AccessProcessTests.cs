using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ledger.IntegrationTests.Infrastructure;

namespace Ledger.IntegrationTests;

/// <summary>
/// Access control on real `ledger` processes (issue 13, items 1, 2 and 8): `ledger run` refuses to face a network
/// unauthenticated; with tokens from `ledger token issue`, operator calls land in the audit log; and no secret — the
/// HS256 secret, the tokens, the validator key — appears in anything the node or the token command printed or logged.
/// </summary>
public sealed class AccessProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-access-it-").FullName;

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
    public async Task Run_refuses_a_public_JSON_RPC_bind_without_authentication_and_binds_nothing()
    {
        var (genesis, key) = NodeFiles.Write(_folder);

        var result = await ExternalCommand.RunAsync(
            "dotnet",
            [RepoPaths.LedgerDll, "run", "--genesis", genesis, "--key", key, "--data", Path.Combine(_folder, "data"), "--rpc-host", "0.0.0.0", "--rpc-port", "0", "--grpc-port", "0"],
            _folder,
            null,
            Patience);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("refusing to serve JSON-RPC on 0.0.0.0 without authentication", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ledger ready", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_calls_are_audited_and_no_secret_reaches_any_output_or_log()
    {
        var (genesis, key) = NodeFiles.Write(_folder);
        var secretPath = Path.Combine(_folder, "jwt.secret");
        var secret = "audit-test-secret-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        await File.WriteAllTextAsync(secretPath, secret + "\n");
        File.SetUnixFileMode(secretPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var audit = Path.Combine(_folder, "audit", "operator.log");
        var operatorToken = await IssueAsync("ops-console", "operator", secretPath);
        var readerToken = await IssueAsync("dashboard", "reader", secretPath);

        using var node = LedgerProcess.StartRun(genesis, key, Path.Combine(_folder, "data"), 0, 0, ["--auth-jwt-secret-file", secretPath, "--audit-log", audit]);
        using var http = new HttpClient();
        var anonymous = await PostAsync(http, node.RpcUrl, "eth_chainId", "[]", null);
        var forged = await PostAsync(http, node.RpcUrl, "eth_chainId", "[]", readerToken[..^4] + "AAAA");
        var asReader = await PostAsync(http, node.RpcUrl, "txpool_content", "[]", readerToken);
        var asOperator = await PostAsync(http, node.RpcUrl, "txpool_content", "[]", operatorToken);
        var vote = await PostAsync(http, node.RpcUrl, "qbft_proposeValidatorVote", """["0x00000000000000000000000000000000000000aa", true, "bank-x", "127.0.0.1", 1, 2]""", operatorToken);
        Assert.Equal(0, node.Stop());

        Assert.Equal(401, anonymous.Status);
        Assert.Equal(401, forged.Status);
        Assert.Equal(-40100, asReader.Json.GetProperty("error").GetProperty("code").GetInt32());
        Assert.True(asOperator.Json.TryGetProperty("result", out _), asOperator.Json.ToString());
        Assert.True(vote.Json.TryGetProperty("result", out _) || vote.Json.TryGetProperty("error", out _));
        var records = (await File.ReadAllLinesAsync(audit)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(records, r => r.GetProperty("subject").GetString() == "ops-console" && r.GetProperty("method").GetString() == "txpool_content" && r.GetProperty("result").GetString() == "ok");
        Assert.Contains(records, r => r.GetProperty("subject").GetString() == "ops-console" && r.GetProperty("method").GetString() == "qbft_proposeValidatorVote");
        Assert.Contains(records, r => r.GetProperty("subject").GetString() == "dashboard" && r.GetProperty("result").GetString() == "denied");
        Assert.Contains("client APIs require authentication", node.Output, StringComparison.Ordinal);

        // The secret, both tokens (whole, and their signatures alone) and the validator key appear nowhere.
        var keyHex = (await File.ReadAllTextAsync(key)).Trim();
        SecretsAssert.NoneIn(
            [node.Output, await File.ReadAllTextAsync(audit), _issueOutput.ToString()],
            [secret, operatorToken, readerToken, operatorToken.Split('.')[2], readerToken.Split('.')[2], keyHex]);
    }

    private readonly StringBuilder _issueOutput = new();

    /// <summary>`ledger token issue`, as an operator runs it; its standard error is kept for the secrets check.</summary>
    private async Task<string> IssueAsync(string subject, string role, string secretPath)
    {
        var result = await ExternalCommand.RunAsync(
            "dotnet", [RepoPaths.LedgerDll, "token", "issue", "--subject", subject, "--role", role, "--secret-file", secretPath, "--ttl", "1h"], _folder, null, Patience);
        Assert.True(result.ExitCode == 0, result.Output);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var token = Assert.Single(lines, l => l.Count(c => c == '.') == 2 && !l.StartsWith("ledger:", StringComparison.Ordinal));
        foreach (var line in lines.Where(l => l != token))
        {
            _issueOutput.AppendLine(line);
        }

        return token;
    }

    private static async Task<(int Status, JsonElement Json)> PostAsync(HttpClient http, Uri rpc, string method, string parameters, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, rpc)
        {
            Content = new StringContent($$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":{{parameters}}}""", Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }
}
