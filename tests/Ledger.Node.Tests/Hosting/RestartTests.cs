using Ledger.Node.Configuration;
using Ledger.Node.Tests.Support;
using Ledger.Storage.Rocks;

namespace Ledger.Node.Tests.Hosting;

public sealed class RestartTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Reopening_the_same_data_directory_continues_the_chain()
    {
        var options = new NodeOptions { BlockIntervalMs = 0 };
        Core.Primitives.Hash32 firstHash;
        Core.Primitives.Hash32 committed;
        await using (var first = new NodeFixture(RocksDbKeyValueStore.Open(_temp.Path), options))
        {
            committed = first.Submit(1, 0, to: 8, amount: 11).Hash;
            firstHash = first.Node.Producer.ProduceBlock()!.Header.Hash;
        }

        await using var second = new NodeFixture(RocksDbKeyValueStore.Open(_temp.Path), options);

        Assert.Equal(1UL, second.Node.Chain.HeadNumber);
        Assert.Equal(firstHash, second.Node.Chain.Head.Header.Hash);
        Assert.NotNull(second.Node.Backend.FindTransaction(committed));
        Assert.Equal(1UL, second.Node.Backend.GetTransactionCount(NodeFixture.Account(1), pending: false));
        second.Submit(1, 1);
        var next = second.Node.Producer.ProduceBlock()!;
        Assert.Equal(2UL, next.Header.Number);
        Assert.Equal(firstHash, next.Header.ParentHash);
    }

    [Fact]
    public async Task A_data_directory_without_the_account_index_gets_it_built_and_logged_on_start()
    {
        var options = new NodeOptions { BlockIntervalMs = 0 };
        Core.Primitives.Hash32 transfer;
        await using (var first = new NodeFixture(RocksDbKeyValueStore.Open(_temp.Path), options))
        {
            transfer = first.Submit(1, 0, to: 8, amount: 11).Hash;
            first.Node.Producer.ProduceBlock();
        }

        // What a data dir from before the index looks like: no rows, no marker.
        using (var store = RocksDbKeyValueStore.Open(_temp.Path))
        {
            using var batch = store.CreateBatch();
            foreach (var (key, _) in store.Iterate(Storage.Column.AccountIndex, []))
            {
                batch.Delete(Storage.Column.AccountIndex, key);
            }

            batch.Delete(Storage.Column.Meta, "accountIndex"u8);
            store.Write(batch, sync: true);
        }

        var logs = new CapturingLoggerFactory();
        await using var second = new NodeFixture(RocksDbKeyValueStore.Open(_temp.Path), options, loggers: logs);

        var page = second.Node.Backend.GetAccountHistory(new Core.Records.AccountHistoryQuery { Account = NodeFixture.Account(8) });
        Assert.Equal(transfer, page.Records[0].TransactionHash);
        Assert.Equal(Core.Records.RecordKind.OpeningBalance, page.Records[^1].Kind);
        Assert.Contains(logs.Entries, e => e.Message.StartsWith("Account index built through block 1 (", StringComparison.Ordinal));
    }
}
