using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using Ledger.Core.Primitives;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.JsonRpc.Tests;

/// <summary>MaxResponseBytes: one result or a whole batch response; building stops at the limit, the call gets -32005.</summary>
public sealed class ResponseLimitTests
{
    private const int Limit = 4096;
    private static readonly JsonRpcOptions Tight = new() { MaxResponseBytes = Limit };
    private static readonly string Echo = TestChain.Echo.ToString();

    [Fact]
    public async Task A_result_over_the_limit_is_limit_exceeded_telling_the_client_to_page()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()), Tight);

        await server.AssertErrorAsync(
            JsonRpcErrorCode.LimitExceeded, "response exceeds 4096 bytes; page or narrow the request", "eth_call", new { to = Echo, data = Data(3_000) }, "latest");
        Assert.Equal(Data(1_000), (await server.ResultAsync("eth_call", new { to = Echo, data = Data(1_000) }, "latest")).GetString());
    }

    [Fact]
    public void Writing_stops_as_soon_as_the_limit_is_crossed()
    {
        // A handler that would write 1,000,000 strings (~13 MB) if nothing stopped it.
        var written = 0;
        var processor = Processor(new JsonRpcOptions { MaxResponseBytes = 64 * 1024 }, (_, result) =>
        {
            result.WriteStartArray();
            for (; written < 1_000_000; written++)
            {
                result.WriteStringValue("0123456789");
            }

            result.WriteEndArray();
            return null;
        });

        var error = Error(Run(processor, """{"jsonrpc":"2.0","id":1,"method":"test_stream"}"""));

        Assert.Equal(JsonRpcErrorCode.LimitExceeded, error.GetProperty("code").GetInt32());
        Assert.Contains("response exceeds 65536 bytes", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        // Each string is 13 bytes: the writer was stopped within one 16 KiB chunk past the limit.
        Assert.InRange(written * 13, 64 * 1024, (64 * 1024) + (16 * 1024) + 4096);
    }

    [Fact]
    public async Task In_a_batch_the_calls_past_the_limit_get_the_error_in_their_own_entries()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()), Tight);
        var calls = Enumerable.Range(1, 10).Select(i => RpcServer.Request("eth_call", [new { to = Echo, data = Data(500) }, "latest"], i));

        var (_, body) = await server.PostAsync("[" + string.Join(",", calls) + "]");
        var response = JsonDocument.Parse(body).RootElement;

        Assert.Equal(Enumerable.Range(1, 10), response.EnumerateArray().Select(e => e.GetProperty("id").GetInt32()));
        var served = response.EnumerateArray().TakeWhile(e => e.TryGetProperty("result", out _)).Count();
        Assert.InRange(served, 1, 9);
        Assert.All(response.EnumerateArray().Skip(served), e =>
        {
            Assert.Equal(JsonRpcErrorCode.LimitExceeded, e.GetProperty("error").GetProperty("code").GetInt32());
            Assert.Contains("batch response exceeds 4096 bytes", e.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        });

        // Only error entries (about 150 bytes each) may pass the limit.
        Assert.InRange(Encoding.UTF8.GetByteCount(body), served * 1_000, Limit + ((10 - served) * 200));
    }

    [Fact]
    public async Task A_notification_past_the_batch_limit_still_runs()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend, Tight);
        var tx = FilterTests.NextTx(1);
        var big = RpcServer.Request("eth_call", [new { to = Echo, data = Data(3_000) }, "latest"], 1);
        var send = $$"""{"jsonrpc":"2.0","method":"eth_sendRawTransaction","params":["{{Hex.Encode(tx.Raw)}}"]}""";

        var response = await server.PostJsonAsync($"[{big},{send}]");

        Assert.Equal(JsonRpcErrorCode.LimitExceeded, Assert.Single(response.EnumerateArray()).GetProperty("error").GetProperty("code").GetInt32());
        Assert.NotNull(backend.FindPendingTransaction(tx.Hash)); // nothing the client sent is lost
    }

    [Fact]
    public async Task A_websocket_response_has_the_same_limit()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()), Tight);
        await using var client = await server.ConnectAsync();

        var error = await client.ErrorAsync("eth_call", new { to = Echo, data = Data(3_000) }, "latest");

        Assert.Equal(JsonRpcErrorCode.LimitExceeded, error.GetProperty("code").GetInt32());
        Assert.Equal("0x1092", (await client.ResultAsync("eth_chainId")).GetString());
    }

    [Fact]
    public void A_limit_too_small_for_an_error_response_is_refused_at_start() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonRpcOptions { MaxResponseBytes = 1023 }.Validate());

    private static string Data(int bytes) => "0x" + string.Concat(Enumerable.Repeat("ab", bytes));

    private static JsonRpcProcessor Processor(JsonRpcOptions options, RpcHandler handler) =>
        new(new Dictionary<string, RpcHandler> { ["test_stream"] = handler }.ToFrozenDictionary(), options, NullLogger.Instance);

    private static JsonElement Run(JsonRpcProcessor processor, string request)
    {
        var output = new ArrayBufferWriter<byte>();
        processor.Process(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(request)), output);
        return JsonDocument.Parse(output.WrittenMemory).RootElement.Clone();
    }

    private static JsonElement Error(JsonElement response) => response.GetProperty("error");
}
