using System.Collections.Concurrent;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>The error observer behind the node's <c>ledger_rpc_errors_total{code}</c>: one count per error response, none for a result.</summary>
public sealed class ObserverTests
{
    [Fact]
    public async Task Every_error_response_is_reported_with_its_code_and_results_are_not()
    {
        var observer = new RecordingObserver();
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()), observer: observer);

        await server.PostAsync("""{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}""");
        Assert.Empty(observer.Codes);

        await server.PostAsync("""{"jsonrpc":"2.0","id":1,"method":"eth_mine","params":[]}""");
        await server.PostAsync("""{"jsonrpc":"2.0","id":1,""");
        await server.PostAsync("""[{"jsonrpc":"2.0","id":1,"method":"eth_chainId"},{"jsonrpc":"2.0","id":2,"method":"nope"},{"id":3}]""");

        Assert.Equal([-32601, -32700, -32601, -32600], observer.Codes);
    }

    [Fact]
    public async Task A_refused_oversized_body_and_a_rate_limited_request_are_reported_too()
    {
        var observer = new RecordingObserver();
        await using var server = await RpcServer.StartAsync(
            new FakeLedgerBackend(new TestChain()), new JsonRpcOptions { MaxRequestBodyBytes = 64, RateLimitPerSecond = 1 }, time: new ManualTime(), observer: observer);

        // A refused body is never parsed, so it takes no token; each call does (the clock stands still: one call this second).
        await server.PostAsync(new string(' ', 100));
        await server.PostAsync("""{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}""");
        Assert.DoesNotContain(JsonRpcErrorCode.LimitExceeded, observer.Codes);
        await server.PostAsync("""{"jsonrpc":"2.0","id":2,"method":"eth_chainId"}""");

        Assert.Contains(-32600, observer.Codes);
        Assert.Contains(JsonRpcErrorCode.LimitExceeded, observer.Codes);
    }

    private sealed class RecordingObserver : IJsonRpcObserver
    {
        private readonly ConcurrentQueue<int> _codes = new();

        public IReadOnlyList<int> Codes => [.. _codes];

        public void ErrorReturned(int code) => _codes.Enqueue(code);
    }
}
