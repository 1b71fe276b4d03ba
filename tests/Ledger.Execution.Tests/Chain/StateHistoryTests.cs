using Ledger.Execution.State;
using Ledger.Execution.Tests.Support;
using Ledger.Storage.Memory;
using Ledger.Storage.Rocks;
using static Ledger.Execution.Tests.Support.TestChain;

namespace Ledger.Execution.Tests.Chain;

/// <summary>Historical state: the last 128 blocks readable and provable, also after the store is reopened from disk.</summary>
public sealed class StateHistoryTests : IDisposable
{
    private const int Blocks = 200;
    private const int Window = WorldState.DefaultHistoryBlocks;

    private readonly string _path = Path.Combine(Path.GetTempPath(), "ledger-history-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }

    [Fact]
    public void The_last_128_states_are_readable_and_provable_before_and_after_reopening_the_store()
    {
        using (var store = RocksDbKeyValueStore.Open(_path))
        using (var chain = new TestChain(store))
        {
            ProduceBlocks(chain);
            AssertWindowReadable(chain);
        }

        using (var store = RocksDbKeyValueStore.Open(_path))
        using (var chain = new TestChain(store))
        {
            Assert.Equal((ulong)Blocks, chain.Chain.HeadNumber);
            AssertWindowReadable(chain);

            // The window keeps moving after the restart, and pruning keeps up with it.
            chain.Produce(chain.Tx(0, CounterA, [CounterModule.Increment], nonce: Blocks));
            Assert.Equal((ulong)Blocks + 1 - Window + 1, chain.Chain.World.History.OldestBlock);
            Assert.Equal((ulong)(Blocks + 1 - Window + 1), CounterModule.ReadCount(chain.Chain.StateAt(Blocks + 1 - Window + 1), CounterA));
            Assert.Throws<StateNotRetainedException>(() => chain.Chain.StateAt(Blocks + 1 - Window));
        }
    }

    [Fact]
    public void A_state_older_than_the_window_is_refused_with_a_clear_message()
    {
        using var chain = new TestChain();
        ProduceBlocks(chain);

        var error = Assert.Throws<StateNotRetainedException>(() => chain.Chain.StateAt(Blocks - Window));
        var proofError = Assert.Throws<StateNotRetainedException>(() => chain.Chain.GetProof(10, CounterA, CounterModule.CountKey));

        Assert.Equal($"state of block {Blocks - Window} is not retained (the node keeps the last 128)", error.Message);
        Assert.Equal(10UL, proofError.BlockNumber);
        Assert.Throws<ArgumentOutOfRangeException>(() => chain.Chain.StateAt(Blocks + 1));
    }

    [Fact]
    public void Pruned_diffs_leave_the_history_column_bounded()
    {
        using var store = new MemoryKeyValueStore();
        using var chain = new TestChain(store);
        ProduceBlocks(chain);

        // Per retained block: one block record and one change record per changed key (count, nonce, maybe B).
        var records = store.Count(Storage.Column.StateHistory);
        Assert.InRange(records, Window * 3, (Window * 5) + 1);
    }

    [Fact]
    public void A_key_absent_in_an_old_block_reads_as_absent_there()
    {
        using var chain = new TestChain();
        chain.Produce(chain.Tx(0, CounterA, [CounterModule.Increment]));
        chain.Produce(chain.Tx(1, CounterB, [CounterModule.Increment]));
        chain.Produce(chain.Tx(1, CounterB, [CounterModule.Increment]));
        for (var i = 0; i < 20; i++)
        {
            chain.Produce(); // push block 1 out of the in-memory snapshots, onto the disk diffs
        }

        var atOne = chain.Chain.StateAt(1);

        Assert.IsType<HistoricalState>(atOne);
        Assert.Null(atOne.Get(CounterB, CounterModule.CountKey));
        Assert.Equal(0UL, atOne.GetNonce(Core.Crypto.DevKeys.Address(1)));
        Assert.Equal(1UL, CounterModule.ReadCount(chain.Chain.StateAt(2), CounterB));
        var proof = chain.Chain.GetProof(1, CounterB, CounterModule.CountKey);
        Assert.Null(proof.Value);
        Assert.True(StateProofs.Verify(proof, chain.Chain.GetHeader(1)!.StateRoot));
    }

    private static void ProduceBlocks(TestChain chain)
    {
        for (var i = 1; i <= Blocks; i++)
        {
            // A changes every block; B only every 50th, so most old states read B from an older diff or the disk.
            var txs = i % 50 == 0
                ? new[] { chain.Tx(0, CounterA, [CounterModule.Increment]), chain.Tx(1, CounterB, [CounterModule.Increment]) }
                : new[] { chain.Tx(0, CounterA, [CounterModule.Increment]) };
            chain.Produce(txs);
        }
    }

    private static void AssertWindowReadable(TestChain chain)
    {
        var head = chain.Chain.HeadNumber;
        for (var n = head - Window + 1; n <= head; n++)
        {
            var state = chain.Chain.StateAt(n);
            Assert.Equal(n, CounterModule.ReadCount(state, CounterA));
            Assert.Equal(n / 50, CounterModule.ReadCount(state, CounterB));
            Assert.Equal(n, state.GetNonce(Core.Crypto.DevKeys.Address(0)));
        }

        foreach (var n in new[] { head - Window + 1, head - 64, head - 1, head })
        {
            var proof = chain.Chain.GetProof(n, CounterA, CounterModule.CountKey);
            Assert.Equal(n, proof.BlockNumber);
            Assert.True(StateProofs.Verify(proof, chain.Chain.GetHeader(n)!.StateRoot), $"proof of block {n}");
        }

        Assert.Throws<StateNotRetainedException>(() => chain.Chain.StateAt(head - Window));
    }
}
