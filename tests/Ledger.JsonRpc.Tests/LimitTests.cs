using System.Net;
using System.Text;
using System.Text.Json;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>A server with tight limits, so each limit can be crossed cheaply.</summary>
public sealed class LimitTests : IAsyncLifetime
{
    private static readonly JsonRpcOptions Tight = new() { MaxBatchSize = 3, MaxRequestBodyBytes = 1024, MaxLogBlockRange = 2, MaxLogResults = 2 };
    private RpcServer _server = null!;

    public async Task InitializeAsync() => _server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()), Tight);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_batch_over_the_limit_is_refused_whole()
    {
        var batch = "[" + string.Join(",", Enumerable.Range(1, 4).Select(i => $$"""{"jsonrpc":"2.0","id":{{i}},"method":"eth_chainId"}""")) + "]";
        var response = await _server.PostJsonAsync(batch);
        Assert.Equal(JsonValueKind.Object, response.ValueKind);
        Assert.Equal(-32600, response.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("batch of 4 requests exceeds the limit of 3", response.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_at_the_limit_is_served()
    {
        var batch = "[" + string.Join(",", Enumerable.Range(1, 3).Select(i => $$"""{"jsonrpc":"2.0","id":{{i}},"method":"eth_chainId"}""")) + "]";
        Assert.Equal(3, (await _server.PostJsonAsync(batch)).GetArrayLength());
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused_with_413()
    {
        // No Content-Length: the limit must hold while streaming, not only from the header.
        var bytes = Encoding.UTF8.GetBytes("[" + new string(' ', 4000) + "]");
        using var content = new StreamContent(new MemoryStream(bytes));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await _server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("exceeds the limit of 1024 bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_query_over_the_block_range_limit_is_limit_exceeded()
    {
        await _server.AssertErrorAsync(-32005, "query exceeds max block range 2", "eth_getLogs", new { fromBlock = "0x0", toBlock = "0x2" });
        Assert.Equal(1, (await _server.ResultAsync("eth_getLogs", new { fromBlock = "0x1", toBlock = "0x2", address = TestChain.Echo.ToString() })).GetArrayLength());
    }

    [Fact]
    public async Task Log_query_with_too_many_results_is_limit_exceeded()
    {
        await _server.AssertErrorAsync(-32005, "query returned more than 2 results", "eth_getLogs", new { fromBlock = "0x1", toBlock = "0x2" });
    }

    [Fact]
    public void Options_with_a_non_positive_limit_are_refused_at_start()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonRpcOptions { MaxBatchSize = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonRpcOptions { MaxRequestBodyBytes = -1 }.Validate());
    }
}
