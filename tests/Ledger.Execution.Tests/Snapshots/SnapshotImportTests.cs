using Ledger.Core.Crypto;
using Ledger.Execution.Chain;
using Ledger.Execution.Snapshots;
using Ledger.Execution.State;
using Ledger.Execution.Tests.Support;
using Ledger.Storage.Memory;
using Ledger.Storage.Rocks;
using static Ledger.Execution.Tests.Support.TestChain;

namespace Ledger.Execution.Tests.Snapshots;

/// <summary>A node started from a snapshot has exactly the state of its base block and follows the chain from there.</summary>
public sealed class SnapshotImportTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "ledger-snapshot-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }

    [Fact]
    public void A_snapshot_imported_into_an_empty_store_has_every_entry_and_root_of_its_block_and_follows_the_next_blocks()
    {
        using var source = new TestChain();
        SnapshotChain.Produce(source, 60);
        var snapshot = SnapshotChain.Snapshot(source.Chain);
        var height = snapshot.Manifest.Height;
        Assert.True(snapshot.Chunks.Count > 8, $"a 1 KB chunk size cuts ~200 entries into many chunks, got {snapshot.Chunks.Count}");

        using (var store = RocksDbKeyValueStore.Open(_path))
        {
            var target = SnapshotChain.Unopened(store);
            target.OpenFromSnapshot(snapshot.Manifest, snapshot.Chunks, Ecdsa.Default);

            Assert.Equal(height, target.HeadNumber);
            Assert.Equal(source.Chain.Head.Header.Hash, target.Head.Header.Hash);
            Assert.Equal(source.Chain.Head.Header.StateRoot, target.World.Tree.Root);
            Assert.Equal(height, target.SnapshotBase);
            Assert.Null(target.GetBlock(height - 1));
            for (var account = 20; account < 220; account++)
            {
                Assert.Equal(source.Chain.LatestState.GetNonce(DevKeys.Address(account)), target.LatestState.GetNonce(DevKeys.Address(account)));
            }

            Assert.Equal(CounterModule.ReadCount(source.Chain.LatestState, CounterA), CounterModule.ReadCount(target.LatestState, CounterA));

            // The source goes on; the snapshot node re-executes the same blocks and reaches the same roots.
            SnapshotChain.Produce(source, 5);
            for (var number = height + 1; number <= source.Chain.HeadNumber; number++)
            {
                var block = source.Chain.GetBlock(number)!;
                var result = new Ledger.Execution.Processing.BlockExecutor(target.Registry, ChainId).Execute(target.LatestState, Context(number), block.Transactions);
                target.Commit(block, result);
            }

            Assert.Equal(source.Chain.Head.Header.Hash, target.Head.Header.Hash);
        }

        // A restart opens it like any data dir, still knowing where its history starts.
        using (var store = RocksDbKeyValueStore.Open(_path))
        {
            var reopened = SnapshotChain.Unopened(store);
            reopened.Open();
            Assert.Equal(source.Chain.Head.Header.Hash, reopened.Head.Header.Hash);
            Assert.Equal(height, reopened.SnapshotBase);
            Assert.Equal(CounterModule.ReadCount(source.Chain.LatestState, CounterB), CounterModule.ReadCount(reopened.LatestState, CounterB));
        }
    }

    [Fact]
    public async Task A_snapshot_taken_while_blocks_commit_is_exactly_the_state_of_its_block()
    {
        using var source = new TestChain(new MemoryKeyValueStore());
        SnapshotChain.Produce(source, 5);
        var snapshots = new List<ChainSnapshot>();
        using var done = new CancellationTokenSource();
        var producer = Task.Run(() =>
        {
            SnapshotChain.Produce(source, 100, perBlock: 3);
            done.Cancel();
        });

        // CreateSnapshot checks the state it read against its block's root and throws if a later block leaked in.
        for (var i = 0; i < 200 && !done.IsCancellationRequested; i++)
        {
            snapshots.Add(SnapshotChain.Snapshot(source.Chain, chunkBytes: 4096));
        }

        await producer.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.NotEmpty(snapshots);
        foreach (var snapshot in snapshots)
        {
            for (var i = 0; i < snapshot.Chunks.Count; i++)
            {
                SnapshotVerifier.VerifyChunk(snapshot.Chunks[i], snapshot.Manifest.Chunks[i], snapshot.Manifest.StateRoot);
            }
        }
    }

    [Fact]
    public void A_store_that_is_not_empty_is_refused_and_left_as_it_was()
    {
        using var source = new TestChain();
        SnapshotChain.Produce(source, 3);
        var snapshot = SnapshotChain.Snapshot(source.Chain);
        using var other = new TestChain();

        var fresh = SnapshotChain.Unopened(other.Store);
        var error = Assert.Throws<ChainDataException>(() => fresh.OpenFromSnapshot(snapshot.Manifest, snapshot.Chunks, Ecdsa.Default));

        Assert.Contains("empty data dir", error.Message);
        var reopened = SnapshotChain.Unopened(other.Store);
        reopened.Open();
        Assert.Equal(0UL, reopened.HeadNumber);
    }

    [Fact]
    public void The_state_history_of_a_snapshot_node_starts_at_its_base_block()
    {
        using var source = new TestChain();
        SnapshotChain.Produce(source, 10);
        var snapshot = SnapshotChain.Snapshot(source.Chain);
        using var store = new MemoryKeyValueStore();
        var target = SnapshotChain.Unopened(store);
        target.OpenFromSnapshot(snapshot.Manifest, snapshot.Chunks, Ecdsa.Default);

        Assert.Equal(10UL, target.World.History.OldestBlock);
        Assert.Throws<StateNotRetainedException>(() => target.StateAt(9));
    }
}
