using Ledger.Core.Transactions;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>
/// Pending-transaction filters read one shared log, bounded in count and bytes, each from where it last read;
/// one poll reports at most MaxTxPoolResults, the rest at the next poll.
/// </summary>
public sealed class PendingFilterTests
{
    [Fact]
    public async Task Every_filter_sees_every_transaction_admitted_after_it_was_installed_once()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend);
        var early = await NewFilterAsync(server);
        var sent = Submit(backend, 1, 2);
        var late = await NewFilterAsync(server);
        var more = Submit(backend, 3);

        Assert.Equal(Hashes(sent.Concat(more)), await ChangesAsync(server, early));
        Assert.Equal(Hashes(more), await ChangesAsync(server, late));
        Assert.Empty(await ChangesAsync(server, early));
    }

    [Fact]
    public async Task A_filter_polled_late_has_lost_the_oldest_past_the_count_limit()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend, new JsonRpcOptions { MaxFilterQueue = 3 });
        var id = await NewFilterAsync(server);
        var sent = Submit(backend, 1, 2, 3, 4, 5);

        Assert.Equal(Hashes(sent[2..]), await ChangesAsync(server, id));
    }

    [Fact]
    public async Task The_log_is_bounded_in_bytes_too()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        var sent = Enumerable.Range(1, 4).Select(n => FilterTests.NextTx((ulong)n)).ToArray();

        // Room for two of these transactions, not three.
        await using var server = await RpcServer.StartAsync(backend, new JsonRpcOptions { MaxFilterQueueBytes = (sent[0].Raw.Length * 2) + 1 });
        var id = await NewFilterAsync(server);
        foreach (var tx in sent)
        {
            Assert.True(backend.Submit(tx.Raw).Accepted);
        }

        Assert.Equal(Hashes(sent[2..]), await ChangesAsync(server, id));
    }

    [Fact]
    public async Task One_poll_reports_at_most_the_pool_listing_cap_and_the_next_poll_the_rest()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend, new JsonRpcOptions { MaxTxPoolResults = 2 });
        var id = await NewFilterAsync(server);
        var sent = Submit(backend, 1, 2, 3, 4, 5);

        Assert.Equal(Hashes(sent[..2]), await ChangesAsync(server, id));
        Assert.Equal(Hashes(sent[2..4]), await ChangesAsync(server, id));
        Assert.Equal(Hashes(sent[4..]), await ChangesAsync(server, id));
        Assert.Empty(await ChangesAsync(server, id));
    }

    private static SignedTransaction[] Submit(FakeLedgerBackend backend, params int[] nonces)
    {
        var txs = nonces.Select(n => FilterTests.NextTx((ulong)n)).ToArray();
        foreach (var tx in txs)
        {
            Assert.True(backend.Submit(tx.Raw).Accepted);
        }

        return txs;
    }

    private static async Task<string> NewFilterAsync(RpcServer server) => (await server.ResultAsync("eth_newPendingTransactionFilter")).GetString()!;

    private static async Task<string[]> ChangesAsync(RpcServer server, string id) =>
        [.. (await server.ResultAsync("eth_getFilterChanges", id)).EnumerateArray().Select(e => e.GetString()!)];

    private static string[] Hashes(IEnumerable<SignedTransaction> txs) => [.. txs.Select(t => t.Hash.ToString())];
}
