using Ledger.JsonRpc;
using Ledger.Node.Configuration;
using Ledger.Node.Hosting;
using Ledger.Node.Tests.Support;
using Ledger.Storage.Rocks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.Node.Tests.Hosting;

/// <summary>A graceful restart keeps the pool: saved on stop, re-admitted (revalidated) on start.</summary>
public sealed class PoolSnapshotFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Pooled_transactions_survive_a_graceful_restart_and_commit_after_it()
    {
        var options = new NodeOptions { BlockIntervalMs = 0 };
        var dataDir = _temp.Path;
        Core.Primitives.Hash32 first;
        Core.Primitives.Hash32 second;
        await using (var node = new NodeFixture(RocksDbKeyValueStore.Open(dataDir), options))
        {
            first = node.Submit(1, 0).Hash;
            second = node.Submit(1, 1).Hash;
            Assert.Equal(2, PoolSnapshotFile.Save(node.Node.Pool, dataDir));
        }

        await using var restarted = new NodeFixture(RocksDbKeyValueStore.Open(dataDir), options);
        var (restored, dropped) = PoolSnapshotFile.Restore(restarted.Node.Pool, dataDir, NullLogger.Instance);

        Assert.Equal((2, 0), (restored, dropped));
        Assert.False(File.Exists(Path.Combine(dataDir, PoolSnapshotFile.FileName)));
        restarted.Node.Producer.ProduceBlock();
        Assert.Equal(TransactionStatusKind.Committed, restarted.Node.Backend.GetTransactionStatus(first).Kind);
        Assert.Equal(TransactionStatusKind.Committed, restarted.Node.Backend.GetTransactionStatus(second).Kind);
    }

    [Fact]
    public async Task A_saved_transaction_that_no_longer_passes_is_recorded_as_dropped_with_the_reason()
    {
        var options = new NodeOptions { BlockIntervalMs = 0 };
        var dataDir = _temp.Path;
        Core.Primitives.Hash32 stale;
        await using (var node = new NodeFixture(RocksDbKeyValueStore.Open(dataDir), options))
        {
            stale = node.Submit(1, 0, amount: 1).Hash;
            PoolSnapshotFile.Save(node.Node.Pool, dataDir);
            node.Node.Pool.Drop(stale, Execution.Pool.PoolDropReason.Invalid, "test: taken out so a rival can use the nonce");
            node.Submit(1, 0, amount: 2); // a rival with the same nonce commits before the restart
            node.Node.Producer.ProduceBlock();
        }

        await using var restarted = new NodeFixture(RocksDbKeyValueStore.Open(dataDir), options);
        var (restored, dropped) = PoolSnapshotFile.Restore(restarted.Node.Pool, dataDir, NullLogger.Instance);

        Assert.Equal((0, 1), (restored, dropped));
        var status = restarted.Node.Backend.GetTransactionStatus(stale);
        Assert.Equal(TransactionStatusKind.Dropped, status.Kind);
        Assert.Equal("revalidation", status.Reason);
        Assert.Contains("nonce too low", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_saved_pool_is_ignored_and_removed()
    {
        var dataDir = _temp.Path;
        await File.WriteAllBytesAsync(Path.Combine(dataDir, PoolSnapshotFile.FileName), [1, 2, 3]);
        await using var node = new NodeFixture(RocksDbKeyValueStore.Open(dataDir), new NodeOptions { BlockIntervalMs = 0 });

        Assert.Equal((0, 0), PoolSnapshotFile.Restore(node.Node.Pool, dataDir, NullLogger.Instance));
        Assert.False(File.Exists(Path.Combine(dataDir, PoolSnapshotFile.FileName)));
    }
}
