using System.Buffers;
using System.Text;
using System.Text.Json;
using Ledger.JsonRpc;
using Ledger.Node.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.Node.Tests.Backend;

/// <summary>ledger_getTransactionStatus on a real node's backend: the wire shape of each state.</summary>
public sealed class TransactionStatusRpcTests
{
    [Fact]
    public async Task Each_state_has_its_fields_on_the_wire()
    {
        await using var fixture = new NodeFixture();
        var committed = fixture.Submit(1, 0).Hash;
        fixture.Node.Producer.ProduceBlock();
        var queued = fixture.Submit(1, 2).Hash;
        var replaced = fixture.Submit(2, 0, amount: 1).Hash;
        var replacement = fixture.Submit(2, 0, amount: 2).Hash;

        var c = Status(fixture, committed);
        var q = Status(fixture, queued);
        var d = Status(fixture, replaced);
        var p = Status(fixture, replacement);
        var u = Status(fixture, Core.Primitives.Hash32.Zero);

        Assert.Equal("committed", c.GetProperty("status").GetString());
        Assert.Equal("0x1", c.GetProperty("blockNumber").GetString());
        Assert.Equal("0x0", c.GetProperty("transactionIndex").GetString());
        Assert.True(c.GetProperty("success").GetBoolean());
        Assert.Equal("queued", q.GetProperty("status").GetString());
        Assert.Equal("0x1", q.GetProperty("waitingForNonce").GetString());
        Assert.Equal("dropped", d.GetProperty("status").GetString());
        Assert.Equal("replaced", d.GetProperty("reason").GetString());
        Assert.Equal(replacement.ToString(), d.GetProperty("replacedBy").GetString());
        Assert.StartsWith("replaced by", d.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("pending", p.GetProperty("status").GetString());
        Assert.Equal("unknown", u.GetProperty("status").GetString());
    }

    private static JsonElement Status(NodeFixture fixture, Core.Primitives.Hash32 hash)
    {
        var processor = JsonRpcEndpoints.CreateProcessor(fixture.Node.Backend, new JsonRpcOptions(), NullLogger.Instance);
        var request = Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":1,"method":"ledger_getTransactionStatus","params":["{{hash}}"]}""");
        var output = new ArrayBufferWriter<byte>();
        processor.Process(new ReadOnlySequence<byte>(request), output);
        using var document = JsonDocument.Parse(output.WrittenMemory);
        return document.RootElement.GetProperty("result").Clone();
    }
}
