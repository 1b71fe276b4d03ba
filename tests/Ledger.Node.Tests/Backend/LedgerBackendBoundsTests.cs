using System.Buffers;
using System.Text;
using System.Text.Json;
using Ledger.Contracts;
using Ledger.Contracts.Tokens;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.JsonRpc;
using Ledger.Node.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Ledger.Node.Tests.Backend;

/// <summary>The backend side of the JSON-RPC bounds: override faults, log queries with capped criteria, pool pages.</summary>
public sealed class LedgerBackendBoundsTests
{
    [Fact]
    public async Task A_module_failing_on_a_malformed_override_is_invalid_params_naming_the_field_and_nothing_is_logged_as_an_error()
    {
        var logs = new CapturingLoggerFactory();
        await using var fixture = new NodeFixture(loggers: logs);
        var backend = fixture.Node.Backend;
        var key = BalanceKey(NodeFixture.Account(7));
        var tooLong = new byte[33]; // a stored uint256 is at most 32 bytes
        tooLong[0] = 1;

        var error = Assert.Throws<JsonRpcException>(() => backend.Call(
            BalanceOfRequest(NodeFixture.Account(7)), backend.HeadNumber, [new AccountOverride(NodeFixture.Token, null, null, [new(key, tooLong)])]));

        Assert.Equal(JsonRpcErrorCode.InvalidParams, error.Error.Code);
        Assert.StartsWith($"invalid argument 2: field \"{NodeFixture.Token}.stateDiff.{Hex.Encode(key)}\": module ", error.Message, StringComparison.Ordinal);
        Assert.Contains("is 33 bytes); override values must be in the module's own storage format", error.Message, StringComparison.Ordinal);

        // The same through JSON-RPC: one -32602 answer, and the node logs no module fault (no stack trace per call).
        var processor = JsonRpcEndpoints.CreateProcessor(backend, new JsonRpcOptions(), logs.CreateLogger("rpc"));
        var overrides = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            [NodeFixture.Token.ToString()] = new { stateDiff = new Dictionary<string, string> { [Hex.Encode(key)] = Hex.Encode(tooLong) } },
        });
        var call = new { to = NodeFixture.Token.ToString(), data = Hex.Encode(BalanceOfRequest(NodeFixture.Account(7)).Data) };
        var request = $$"""{"jsonrpc":"2.0","id":1,"method":"eth_call","params":[{{JsonSerializer.Serialize(call)}},"latest",{{overrides}}]}""";
        var output = new ArrayBufferWriter<byte>();
        processor.Process(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(request)), output);
        var answer = JsonDocument.Parse(output.WrittenMemory).RootElement.GetProperty("error");
        Assert.Equal(JsonRpcErrorCode.InvalidParams, answer.GetProperty("code").GetInt32());
        Assert.Empty(logs.AtOrAbove(LogLevel.Error));
    }

    [Fact]
    public async Task A_well_formed_override_still_reads_as_given()
    {
        await using var fixture = new NodeFixture();
        var backend = fixture.Node.Backend;
        var key = BalanceKey(NodeFixture.Account(7));

        var outcome = backend.Call(BalanceOfRequest(NodeFixture.Account(7)), backend.HeadNumber, [new AccountOverride(NodeFixture.Token, null, null, [new(key, [0x03, 0xe8])])]);

        Assert.True(outcome.Success, outcome.Error ?? outcome.RevertReason);
        Assert.Equal(new UInt256(1000), UInt256.FromBigEndian(outcome.Output));
    }

    [Fact]
    public async Task Log_queries_with_a_thousand_addresses_find_exactly_the_listed_ones()
    {
        await using var fixture = new NodeFixture();
        var backend = fixture.Node.Backend;
        for (ulong nonce = 0; nonce < 3; nonce++)
        {
            Assert.True(fixture.Submit(1, nonce).Accepted);
            fixture.Node.Producer.ProduceBlock();
        }

        var others = Enumerable.Range(1, 999).Select(Numbered).ToArray();
        var transfer = AbiTopic.OfEvent("Transfer(address,address,uint256)");

        var listed = backend.GetLogs(new LogFilter(0, backend.HeadNumber, [.. others, NodeFixture.Token], [[transfer]]));
        var unlisted = backend.GetLogs(new LogFilter(0, backend.HeadNumber, [.. others, Numbered(1_000)], [[transfer]]));

        Assert.Equal(3, listed.Count);
        Assert.All(listed, log => Assert.Equal(NodeFixture.Token, log.Log.Address));
        Assert.Equal([1UL, 2UL, 3UL], listed.Select(l => l.BlockNumber));
        Assert.Empty(unlisted);
        var limited = Assert.Throws<JsonRpcException>(() => backend.GetLogs(new LogFilter(0, backend.HeadNumber, [NodeFixture.Token], [[transfer]]) { MaxResults = 2 }));
        Assert.Equal(JsonRpcErrorCode.LimitExceeded, limited.Error.Code);
    }

    [Fact]
    public async Task Pool_pages_come_in_sender_and_nonce_order_and_resume_after_the_cursor()
    {
        await using var fixture = new NodeFixture();
        var backend = fixture.Node.Backend;
        foreach (var (from, nonce) in new[] { (3, 1UL), (1, 0UL), (3, 0UL), (2, 0UL), (1, 1UL) })
        {
            Assert.True(fixture.Submit(from, nonce).Accepted);
        }

        var first = backend.PendingTransactions(null, 3);
        var rest = backend.PendingTransactions(PoolPosition.Of(first[^1]), 10);

        var all = first.Concat(rest).Select(PoolPosition.Of).ToArray();
        Assert.Equal(5, all.Length);
        Assert.Equal(all.Order(), all);
        Assert.Equal(3, first.Count);
        Assert.Empty(backend.PendingTransactions(all[^1], 10));
    }

    private static Address Numbered(int i)
    {
        var bytes = new byte[Address.Length];
        bytes[0] = 0xee;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), i);
        return new Address(bytes);
    }

    private static CallRequest BalanceOfRequest(Address account) =>
        new(null, NodeFixture.Token, new AbiWriter().WriteAddress(account).ToCallData("balanceOf(address)"), null, UInt256.Zero);

    private static byte[] BalanceKey(Address account)
    {
        var key = new byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, TokenStorage.BalanceTag, account);
        return key;
    }
}
