using System.Text.Json;
using Ledger.Core.Chain;
using Ledger.Core.Transactions;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>Polling filters: block, pending-transaction and log filters, their changes, logs, removal and expiry.</summary>
public sealed class FilterTests
{
    private static readonly string Token = TestChain.Token.ToString();

    [Fact]
    public async Task Block_filter_reports_each_new_block_hash_once()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend);
        var id = (await server.ResultAsync("eth_newBlockFilter")).GetString()!;
        Assert.Empty((await server.ResultAsync("eth_getFilterChanges", id)).EnumerateArray());

        var first = backend.CommitBlock([NextTx(1)]);
        var second = backend.CommitBlock([NextTx(2)]);
        var changes = (await server.ResultAsync("eth_getFilterChanges", id)).EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(new[] { first.Header.Hash.ToString(), second.Header.Hash.ToString() }, changes);
        Assert.Empty((await server.ResultAsync("eth_getFilterChanges", id)).EnumerateArray());
    }

    [Fact]
    public async Task Log_filter_changes_report_only_new_matching_logs()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend);
        var id = (await server.ResultAsync("eth_newFilter", new { address = Token, topics = new[] { TestChain.TransferTopic.ToString() } })).GetString()!;

        backend.CommitBlock([NextTx(1)], backend.Chain.TransferLog);
        backend.CommitBlock([NextTx(2)], backend.Chain.EchoLog);
        var changes = (await server.ResultAsync("eth_getFilterChanges", id)).EnumerateArray().ToArray();
        var log = Assert.Single(changes);
        Assert.Equal("0x3", log.GetProperty("blockNumber").GetString());
        Assert.Equal(Token, log.GetProperty("address").GetString());
        Assert.Empty((await server.ResultAsync("eth_getFilterChanges", id)).EnumerateArray());
    }

    [Fact]
    public async Task Filter_logs_return_the_whole_range_like_get_logs()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend);
        var id = (await server.ResultAsync("eth_newFilter", new { fromBlock = "0x0", address = Token })).GetString()!;
        var logs = await server.ResultAsync("eth_getFilterLogs", id);
        Assert.Equal(3, logs.GetArrayLength());
    }

    [Fact]
    public async Task Pending_transaction_filter_reports_admitted_hashes()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend);
        var id = (await server.ResultAsync("eth_newPendingTransactionFilter")).GetString()!;
        var tx = NextTx(1);
        var sent = await server.ResultAsync("eth_sendRawTransaction", "0x" + Convert.ToHexStringLower(tx.Raw));
        var changes = await server.ResultAsync("eth_getFilterChanges", id);
        Assert.Equal(sent.GetString(), Assert.Single(changes.EnumerateArray()).GetString());
        Assert.Empty((await server.ResultAsync("eth_getFilterChanges", id)).EnumerateArray());
    }

    [Fact]
    public async Task Uninstall_removes_the_filter_once()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()));
        var id = (await server.ResultAsync("eth_newBlockFilter")).GetString()!;
        Assert.True((await server.ResultAsync("eth_uninstallFilter", id)).GetBoolean());
        Assert.False((await server.ResultAsync("eth_uninstallFilter", id)).GetBoolean());
        await server.AssertErrorAsync(JsonRpcErrorCode.InvalidInput, "filter not found", "eth_getFilterChanges", id);
    }

    [Fact]
    public async Task Unknown_filter_ids_and_wrong_kinds_are_not_found()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()));
        await server.AssertErrorAsync(JsonRpcErrorCode.InvalidInput, "filter not found", "eth_getFilterChanges", "0x1234");
        var blocks = (await server.ResultAsync("eth_newBlockFilter")).GetString()!;
        await server.AssertErrorAsync(JsonRpcErrorCode.InvalidInput, "filter not found", "eth_getFilterLogs", blocks);
        await server.AssertErrorAsync(JsonRpcErrorCode.InvalidParams, "filter id must be a string", "eth_getFilterChanges", 5);
    }

    [Fact]
    public async Task New_filter_refuses_block_hash_and_reversed_ranges()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()));
        await server.AssertErrorAsync(JsonRpcErrorCode.InvalidParams, "blockHash is not supported", "eth_newFilter", new { blockHash = "0x" + new string('1', 64) });
        await server.AssertErrorAsync(JsonRpcErrorCode.InvalidParams, "invalid block range", "eth_newFilter", new { fromBlock = "0x2", toBlock = "0x1" });
    }

    [Fact]
    public async Task Filters_expire_when_not_polled_within_the_timeout()
    {
        var time = new ManualTime();
        var options = new JsonRpcOptions { FilterTimeout = TimeSpan.FromMinutes(5) };
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()), options, time: time);
        var kept = (await server.ResultAsync("eth_newBlockFilter")).GetString()!;
        var dropped = (await server.ResultAsync("eth_newBlockFilter")).GetString()!;

        time.Advance(TimeSpan.FromMinutes(4));
        await server.ResultAsync("eth_getFilterChanges", kept);
        time.Advance(TimeSpan.FromMinutes(2));

        await server.ResultAsync("eth_getFilterChanges", kept);
        await server.AssertErrorAsync(JsonRpcErrorCode.InvalidInput, "filter not found", "eth_getFilterChanges", dropped);
    }

    [Fact]
    public async Task Too_many_filters_is_a_limit_error()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()), new JsonRpcOptions { MaxFilters = 2 });
        await server.ResultAsync("eth_newBlockFilter");
        await server.ResultAsync("eth_newPendingTransactionFilter");
        await server.AssertErrorAsync(JsonRpcErrorCode.LimitExceeded, "too many installed filters", "eth_newBlockFilter");
    }

    [Fact]
    public async Task Filter_ids_are_quantities_without_leading_zeros()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()));
        for (var i = 0; i < 64; i++)
        {
            var id = (await server.ResultAsync("eth_newBlockFilter")).GetString()!;
            Assert.Matches("^0x(0|[1-9a-f][0-9a-f]*)$", id);
        }
    }

    /// <summary>A fresh transaction from sender B (its nonce 0 is in block 2).</summary>
    internal static SignedTransaction NextTx(ulong nonce) => TestChain.Sign(
        new UnsignedTransaction { Type = TxType.DynamicFee, ChainId = TestChain.ChainId, Nonce = nonce, GasLimit = 60_000, To = TestChain.Echo, Data = [0x01] },
        TestChain.KeyB);
}
