using System.Net;
using System.Text;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>CORS (off unless configured), per-client rate limits on HTTP and WebSocket, and GET without an upgrade.</summary>
public sealed class RobustnessTests
{
    [Fact]
    public async Task Cors_headers_are_absent_by_default()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()));
        using var request = Post(server);
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_allows_only_configured_origins_and_answers_preflight()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()), new JsonRpcOptions { CorsOrigins = ["https://app.example"] });
        using var allowed = Post(server);
        allowed.Headers.Add("Origin", "https://app.example");
        using var allowedResponse = await server.Client.SendAsync(allowed);
        Assert.Equal("https://app.example", Assert.Single(allowedResponse.Headers.GetValues("Access-Control-Allow-Origin")));

        using var other = Post(server);
        other.Headers.Add("Origin", "https://evil.example");
        using var otherResponse = await server.Client.SendAsync(other);
        Assert.False(otherResponse.Headers.Contains("Access-Control-Allow-Origin"));

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/");
        preflight.Headers.Add("Origin", "https://app.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var preflightResponse = await server.Client.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, preflightResponse.StatusCode);
        Assert.Contains("POST", preflightResponse.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_clients_over_the_rate_get_429_with_limit_exceeded()
    {
        // A manual clock that never advances: the bucket of 3 never refills.
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()), new JsonRpcOptions { RateLimitPerSecond = 3 }, time: new ManualTime());
        for (var i = 0; i < 3; i++)
        {
            await server.ResultAsync("eth_chainId");
        }

        var (status, body) = await server.PostAsync(RpcServer.Request("eth_chainId", [], 9));
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Contains("-32005", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Websocket_clients_over_the_rate_get_limit_exceeded_and_stay_connected()
    {
        var time = new ManualTime();
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()), new JsonRpcOptions { RateLimitPerSecond = 2 }, time: time);
        await using var client = await server.ConnectAsync();
        await client.ResultAsync("eth_chainId");
        await client.ResultAsync("eth_chainId");
        var error = await client.ErrorAsync("eth_chainId");
        Assert.Equal(JsonRpcErrorCode.LimitExceeded, error.GetProperty("code").GetInt32());

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("0x1092", (await client.ResultAsync("eth_chainId")).GetString());
    }

    [Fact]
    public async Task Every_call_of_an_http_batch_takes_a_token_and_the_excess_calls_get_limit_exceeded()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()), new JsonRpcOptions { RateLimitPerSecond = 3 }, time: new ManualTime());

        var response = await server.PostJsonAsync(Batch(5));

        Assert.Equal(5, response.GetArrayLength());
        Assert.Equal([1, 2, 3, 4, 5], response.EnumerateArray().Select(e => e.GetProperty("id").GetInt32()));
        Assert.All(response.EnumerateArray().Take(3), e => Assert.Equal("0x1092", e.GetProperty("result").GetString()));
        Assert.All(response.EnumerateArray().Skip(3), e =>
        {
            Assert.Equal(JsonRpcErrorCode.LimitExceeded, e.GetProperty("error").GetProperty("code").GetInt32());
            Assert.Contains("each call of a batch counts as one", e.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        });

        // The batch used the whole bucket: the next request is refused before it is read.
        var (status, _) = await server.PostAsync(RpcServer.Request("eth_chainId", [], 9));
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
    }

    [Fact]
    public async Task Every_call_of_a_websocket_batch_takes_a_token_of_the_connection()
    {
        var time = new ManualTime();
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()), new JsonRpcOptions { RateLimitPerSecond = 2 }, time: time);
        await using var client = await server.ConnectAsync();

        await client.SendRawAsync(Batch(3));
        var response = await client.ReceiveAsync();

        Assert.Equal(["0x1092", "0x1092"], response.EnumerateArray().Take(2).Select(e => e.GetProperty("result").GetString()));
        Assert.Equal(JsonRpcErrorCode.LimitExceeded, response[2].GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(3, response[2].GetProperty("id").GetInt32());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("0x1092", (await client.ResultAsync("eth_chainId")).GetString());
    }

    [Fact]
    public async Task Get_without_upgrade_is_method_not_allowed()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()));
        using var response = await server.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private static string Batch(int calls) =>
        "[" + string.Join(",", Enumerable.Range(1, calls).Select(i => $$"""{"jsonrpc":"2.0","id":{{i}},"method":"eth_chainId"}""")) + "]";

    private static HttpRequestMessage Post(RpcServer server) => new(HttpMethod.Post, "/")
    {
        Content = new StringContent(RpcServer.Request("eth_chainId", [], 1), Encoding.UTF8, "application/json"),
    };
}
