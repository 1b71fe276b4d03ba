using System.Text.Json;

namespace Ledger.Node.Tests.Access;

/// <summary>JSON-RPC over HTTP behind the access gate of a whole node: authentication (401), roles (-40100) and the audit log.</summary>
public sealed class JsonRpcAuthTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private const string ChainId = """{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}""";

    private AuthNode Node => fixture.Node;

    [Fact]
    public void The_node_says_at_start_that_clients_must_authenticate()
    {
        Assert.Contains(Node.Output.Lines, l => l.StartsWith("ledger: client APIs require authentication", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_without_a_token_gets_401_with_a_bearer_challenge_and_runs_nothing()
    {
        var (status, body, response) = await Node.PostAsync(ChainId, token: null);

        Assert.Equal(401, status);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        using var error = JsonDocument.Parse(body);
        Assert.Equal(-40100, error.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.False(error.RootElement.TryGetProperty("result", out _));
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("not-yet-valid")]
    [InlineData("forged")]
    [InlineData("public-key-as-hmac-secret")]
    [InlineData("garbage")]
    public async Task A_bad_token_gets_401_and_is_never_echoed(string kind)
    {
        var keys = fixture.Keys;
        var token = kind switch
        {
            "expired" => keys.Token("app", ["operator"], DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromHours(1)),
            "not-yet-valid" => keys.Token("app", ["operator"], DateTimeOffset.UtcNow.AddHours(1), TimeSpan.FromHours(1)),
            "forged" => AuthKeys.Forged("app", "operator"),
            "public-key-as-hmac-secret" => keys.PublicKeyAsHmacSecret("app", "operator"),
            _ => "not.a.jwt",
        };

        var (status, body, response) = await Node.PostAsync(ChainId, token);

        Assert.Equal(401, status);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_reads_chain_data_but_not_pending_payments_nor_votes()
    {
        var reader = fixture.Keys.Token("dashboard", "reader");

        var chainId = await Node.CallAsync("eth_chainId", "[]", reader);
        var pool = await Node.CallAsync("txpool_content", "[]", reader);
        var vote = await Node.CallAsync("qbft_proposeValidatorVote", """["0x0000000000000000000000000000000000000001", true]""", reader);

        Assert.Equal("0x1092", chainId.GetProperty("result").GetString());
        Assert.Equal(-40100, pool.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("needs the role operator or regulator", pool.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(-40100, vote.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("needs the role operator", vote.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_is_authorized_call_by_call()
    {
        var reader = fixture.Keys.Token("dashboard", "reader");
        var batch = """
            [{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]},
             {"jsonrpc":"2.0","id":2,"method":"eth_pendingTransactions","params":[]},
             {"jsonrpc":"2.0","id":3,"method":"eth_blockNumber","params":[]}]
            """;

        var (status, body, _) = await Node.PostAsync(batch, reader);

        Assert.Equal(200, status);
        var entries = JsonDocument.Parse(body).RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetInt32());
        Assert.True(entries[1].TryGetProperty("result", out _));
        Assert.Equal(-40100, entries[2].GetProperty("error").GetProperty("code").GetInt32());
        Assert.True(entries[3].TryGetProperty("result", out _));
    }

    [Fact]
    public async Task A_submitter_may_send_transactions_a_reader_may_not()
    {
        var raw = "\"0x" + Convert.ToHexStringLower(Support.NodeFixture.SignTransfer(1, 0, 2, 1).Raw) + "\"";

        var asReader = await Node.CallAsync("eth_sendRawTransaction", $"[{raw}]", fixture.Keys.Token("dashboard", "reader"));
        var asSubmitter = await Node.CallAsync("eth_sendRawTransaction", $"[{raw}]", fixture.Keys.Token("payments", "submitter"));

        Assert.Equal(-40100, asReader.GetProperty("error").GetProperty("code").GetInt32());
        Assert.StartsWith("0x", asSubmitter.GetProperty("result").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_calls_and_refused_attempts_at_them_are_in_the_audit_log_with_a_params_digest()
    {
        var operatorToken = fixture.Keys.Token("ops-console", ["operator"], DateTimeOffset.UtcNow, TimeSpan.FromHours(1), credentials: fixture.Keys.Es256);
        var readerToken = fixture.Keys.Token("curious-app", "reader");

        var allowed = await Node.CallAsync("txpool_inspect", """[{"limit":5}]""", operatorToken);
        await Node.CallAsync("txpool_inspect", "[]", readerToken);
        await Node.CallAsync("eth_blockNumber", "[]", operatorToken);

        Assert.True(allowed.TryGetProperty("result", out _), allowed.ToString());
        var records = fixture.AuditLines().Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var ok = Assert.Single(records, r => r.GetProperty("subject").GetString() == "ops-console");
        Assert.Equal("txpool_inspect", ok.GetProperty("method").GetString());
        Assert.Equal("ok", ok.GetProperty("result").GetString());
        Assert.Equal("bearer", ok.GetProperty("auth").GetString());
        Assert.Equal("jsonrpc-http", ok.GetProperty("surface").GetString());
        Assert.Equal(Ledger.Access.Audit.AuditLog.Digest("""[{"limit":5}]"""u8), ok.GetProperty("paramsSha256").GetString());
        var denied = Assert.Single(records, r => r.GetProperty("subject").GetString() == "curious-app");
        Assert.Equal("denied", denied.GetProperty("result").GetString());
        Assert.Equal(-40100, denied.GetProperty("code").GetInt32());
        Assert.DoesNotContain(records, r => r.GetProperty("method").GetString() == "eth_blockNumber");
        Assert.DoesNotContain(operatorToken, File.ReadAllText(fixture.AuditPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_need_a_monitor_role_and_count_failures_and_denials()
    {
        using var http = new HttpClient { BaseAddress = Node.Rpc };
        await Node.PostAsync(ChainId, token: null);
        await Node.CallAsync("txpool_status", "[]", fixture.Keys.Token("dashboard", "reader"));
        await Node.CallAsync("txpool_content", "[]", fixture.Keys.Token("dashboard", "reader"));

        var anonymous = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var readerRequest = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        readerRequest.Headers.Authorization = new("Bearer", fixture.Keys.Token("dashboard", "reader"));
        var asReader = await http.SendAsync(readerRequest);
        using var monitorRequest = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        monitorRequest.Headers.Authorization = new("Bearer", fixture.Keys.Token("prometheus", "monitor"));
        var asMonitor = await http.SendAsync(monitorRequest);
        var health = await http.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(401, (int)anonymous.StatusCode);
        Assert.Equal(403, (int)asReader.StatusCode);
        Assert.Equal(200, (int)asMonitor.StatusCode);
        Assert.Equal(200, (int)health.StatusCode);
        var metrics = await asMonitor.Content.ReadAsStringAsync();
        Assert.Matches("ledger_auth_failures_total\\{surface=\"jsonrpc-http\",reason=\"missing\"\\} [1-9]", metrics);
        Assert.Matches("ledger_auth_failures_total\\{surface=\"metrics\",reason=\"missing\"\\} [1-9]", metrics);
        Assert.Matches("ledger_auth_denied_total\\{method=\"txpool_content\"\\} [1-9]", metrics);
        Assert.Matches("ledger_auth_denied_total\\{method=\"metrics\"\\} [1-9]", metrics);
    }
}
