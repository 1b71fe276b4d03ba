using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Execution.Chain;
using Ledger.Execution.State;
using Ledger.Execution.Tests.Support;
using Ledger.Storage;
using Ledger.Storage.Memory;
using static Ledger.Execution.Tests.Support.TestChain;

namespace Ledger.Execution.Tests.Chain;

public sealed class ChainStoreTests
{
    [Fact]
    public void Open_on_an_empty_store_writes_genesis_with_every_modules_initial_state()
    {
        using var chain = new TestChain();

        var genesis = chain.Chain.Head;
        Assert.Equal(0UL, chain.Chain.HeadNumber);
        Assert.Equal(genesis.Header.Hash, chain.Chain.GenesisHash);
        Assert.Equal(Hash32.Zero, genesis.Header.ParentHash);
        Assert.Equal(ValidatorSet.ComputeHash([DevKeys.Address(10)]), genesis.Header.ValidatorSetHash);
        Assert.Equal(MerkleRoot.EmptyRoot, genesis.Header.TransactionsRoot);
        Assert.NotNull(chain.Chain.LatestState.Get(CounterA, CounterModule.GenesisKey));
        Assert.NotNull(chain.Chain.LatestState.Get(CounterB, CounterModule.GenesisKey));
        Assert.Equal(chain.Chain.World.Tree.Root, genesis.Header.StateRoot);
    }

    [Fact]
    public void Reopening_gives_the_same_head_root_and_answers_queries()
    {
        using var store = new MemoryKeyValueStore();
        Hash32 headHash, txHash;
        using (var chain = new TestChain(store))
        {
            chain.Produce(chain.Tx(0, CounterA, [CounterModule.Increment]));
            var tx = chain.Tx(1, CounterB, [CounterModule.Increment]);
            txHash = tx.Hash;
            headHash = chain.Produce(tx).Block.Header.Hash;
        }

        using var reopened = new TestChain(store);

        Assert.Equal(2UL, reopened.Chain.HeadNumber);
        Assert.Equal(headHash, reopened.Chain.Head.Header.Hash);
        Assert.Equal(reopened.Chain.Head.Header.StateRoot, reopened.Chain.World.Tree.Root);
        Assert.Equal(1UL, CounterModule.ReadCount(reopened.Chain.LatestState, CounterB));
        var found = reopened.Chain.FindTransaction(txHash);
        Assert.NotNull(found);
        Assert.Equal(2UL, found.Header.Number);
        Assert.Equal(0, found.Index);
        Assert.True(found.Receipt.Success);
        Assert.Equal(DevKeys.Address(1), found.Transaction.Sender);
        Assert.Equal(headHash, reopened.Chain.GetBlock(2)!.Header.Hash);
        Assert.Single(reopened.Chain.GetReceipts(headHash)!);
        Assert.Null(reopened.Chain.GetBlock(3));
        Assert.Null(reopened.Chain.FindTransaction(Keccak256.Hash("nothing"u8)));

        reopened.Produce(reopened.Tx(1, CounterB, [CounterModule.Increment], nonce: 1));
        Assert.Equal(3UL, reopened.Chain.HeadNumber);
    }

    [Fact]
    public void A_block_whose_parent_is_not_the_head_is_rejected_and_nothing_changes()
    {
        using var chain = new TestChain();
        var (block, result) = chain.Build(chain.Tx(0, CounterA, [CounterModule.Increment]));
        var orphan = block with { Header = block.Header with { ParentHash = Keccak256.Hash("elsewhere"u8) } };

        var error = Assert.Throws<ArgumentException>(() => chain.Chain.Commit(orphan, result));

        Assert.Contains("has parent", error.Message);
        Assert.Equal(0UL, chain.Chain.HeadNumber);
        Assert.Equal(0UL, CounterModule.ReadCount(chain.Chain.LatestState, CounterA));
        chain.Chain.Commit(block, result); // the real block still commits
        Assert.Equal(1UL, chain.Chain.HeadNumber);
    }

    [Fact]
    public void A_block_that_skips_a_height_is_rejected()
    {
        using var chain = new TestChain();
        var (block, result) = chain.Build();
        var skipping = block with { Header = block.Header with { Number = 2 } };

        var error = Assert.Throws<ArgumentException>(() => chain.Chain.Commit(skipping, result));

        Assert.Contains("the next block is 1", error.Message);
    }

    [Fact]
    public void A_block_whose_state_root_does_not_match_its_changes_is_rejected()
    {
        using var chain = new TestChain();
        var (block, result) = chain.Build(chain.Tx(0, CounterA, [CounterModule.Increment]));
        var forged = block with { Header = block.Header with { StateRoot = Keccak256.Hash("forged"u8) } };

        var error = Assert.Throws<ArgumentException>(() => chain.Chain.Commit(forged, result.Receipts, result.Changes));

        Assert.Contains("state root", error.Message);
        Assert.Equal(0UL, chain.Chain.HeadNumber);
    }

    [Fact]
    public void Commit_raises_BlockCommitted_after_the_head_moved()
    {
        using var chain = new TestChain();
        ulong seenHead = 0;
        chain.Chain.BlockCommitted += (block, receipts) => seenHead = chain.Chain.HeadNumber + (ulong)receipts.Count;

        chain.Produce(chain.Tx(0, CounterA, [CounterModule.Increment]));

        Assert.Equal(2UL, seenHead);
    }

    [Fact]
    public void A_data_dir_of_another_genesis_is_detected()
    {
        using var store = new MemoryKeyValueStore();
        using (new TestChain(store))
        {
        }

        var other = new ChainStore(store, CreateRegistry(), CreateGenesis(GenesisTimestampMs + 1));

        var error = Assert.Throws<ChainDataException>(other.Open);
        Assert.Contains("data dir belongs to a different genesis", error.Message);
    }

    [Fact]
    public void A_state_tree_that_does_not_match_the_head_is_detected_on_open()
    {
        using var store = new MemoryKeyValueStore();
        using (var chain = new TestChain(store))
        {
            chain.Produce(chain.Tx(0, CounterA, [CounterModule.Increment]));
        }

        using (var batch = store.CreateBatch())
        {
            batch.Put(Column.State, [StateKeys.BucketPrefix, 0, 0], Keccak256.HashToArray("corrupt"u8));
            store.Write(batch, sync: true);
        }

        var error = Assert.Throws<ChainDataException>(() => new ChainStore(store, CreateRegistry(), CreateGenesis()).Open());
        Assert.Contains("state root mismatch at head 1: database is inconsistent", error.Message);
    }

    [Fact]
    public void GetLogs_filters_by_address_topic_and_range()
    {
        using var chain = new TestChain();
        chain.Produce(chain.Tx(0, CounterA, [CounterModule.Increment]));                  // block 1: A, caller 0
        chain.Produce(chain.Tx(1, CounterB, [CounterModule.Increment]));                  // block 2: B, caller 1
        chain.Produce(chain.Tx(0, CounterA, [CounterModule.Increment]), chain.Tx(1, CounterA, [CounterModule.Increment])); // block 3: A×2
        chain.Produce(chain.Tx(2, CounterB, [CounterModule.IncrementThenRevert]));        // block 4: reverted, no logs

        var all = chain.Chain.GetLogs(0, ulong.MaxValue, [], []);
        var onlyA = chain.Chain.GetLogs(0, 10, [CounterA], []);
        var byCaller1 = chain.Chain.GetLogs(0, 10, [], [null, [CounterModule.CallerTopic(DevKeys.Address(1))]]);
        var range = chain.Chain.GetLogs(2, 2, [], [[CounterModule.IncrementedTopic]]);
        var none = chain.Chain.GetLogs(0, 10, [Address.Parse("0x00000000000000000000000000000000000000ff")], []);

        Assert.Equal(4, all.Count);
        Assert.Equal([1UL, 3UL, 3UL], onlyA.Select(l => l.BlockNumber));
        Assert.Equal([0, 1], onlyA.Where(l => l.BlockNumber == 3).Select(l => l.LogIndex));
        Assert.Equal([2UL, 3UL], byCaller1.Select(l => l.BlockNumber));
        Assert.Equal(1, byCaller1[1].TransactionIndex);
        Assert.Equal(CounterB, Assert.Single(range).Log.Address);
        Assert.Empty(none);
        Assert.Throws<LogLimitExceededException>(() => chain.Chain.GetLogs(0, 10, [], [], maxResults: 3));
    }

    [Fact]
    public void A_state_snapshot_keeps_showing_its_block_while_later_blocks_commit()
    {
        using var chain = new TestChain();
        chain.Produce(chain.Tx(0, CounterA, [CounterModule.Increment]));
        var atOne = chain.Chain.LatestState;

        chain.Produce(chain.Tx(0, CounterA, [CounterModule.Increment]));
        chain.Produce(chain.Tx(0, CounterA, [CounterModule.Increment]));

        Assert.Equal(1UL, CounterModule.ReadCount(atOne, CounterA));
        Assert.Equal(1UL, atOne.GetNonce(DevKeys.Address(0)));
        Assert.Equal(3UL, CounterModule.ReadCount(chain.Chain.LatestState, CounterA));
        Assert.Equal(2UL, CounterModule.ReadCount(chain.Chain.StateAt(2), CounterA));
    }

    [Fact]
    public async Task Readers_never_see_half_a_block_while_blocks_commit()
    {
        using var chain = new TestChain();
        var blocks = Enumerable.Range(0, 60)
            .Select(_ => new[] { chain.Tx(0, CounterA, [CounterModule.Increment]), chain.Tx(1, CounterB, [CounterModule.Increment]) })
            .ToList();
        using var done = new CancellationTokenSource();
        var mismatches = 0;
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!done.IsCancellationRequested || Volatile.Read(ref reads) == 0)
            {
                // Every committed block increments both counters, so one snapshot must show them equal.
                var state = chain.Chain.LatestState;
                var a = CounterModule.ReadCount(state, CounterA);
                Thread.SpinWait(50);
                var b = CounterModule.ReadCount(state, CounterB);
                if (a != b)
                {
                    Interlocked.Increment(ref mismatches);
                }

                Interlocked.Increment(ref reads);
            }
        });

        foreach (var txs in blocks)
        {
            chain.Produce(txs);
        }

        done.Cancel();
        await reader;
        Assert.Equal(0, mismatches);
        Assert.Equal(60UL, CounterModule.ReadCount(chain.Chain.LatestState, CounterB));
    }

    [Fact]
    public void Older_states_stay_readable_after_a_restart_and_a_future_block_is_refused()
    {
        using var store = new MemoryKeyValueStore();
        using (var chain = new TestChain(store))
        {
            chain.Produce(chain.Tx(0, CounterA, [CounterModule.Increment]));
        }

        using var reopened = new TestChain(store);

        Assert.Equal(0UL, CounterModule.ReadCount(reopened.Chain.StateAt(0), CounterA));
        Assert.Throws<ArgumentOutOfRangeException>(() => reopened.Chain.StateAt(5));
        Assert.Same(reopened.Chain.LatestState, reopened.Chain.StateAt(1));
    }

    [Fact]
    public void Executing_on_a_state_that_is_no_longer_the_head_is_refused()
    {
        using var chain = new TestChain();
        var old = chain.Chain.LatestState;
        chain.Produce(chain.Tx(0, CounterA, [CounterModule.Increment]));

        var error = Assert.Throws<InvalidOperationException>(() => chain.Executor.Execute(old, Context(1), []));

        Assert.Contains("head state", error.Message);
    }
}
