using Ledger.Execution.Tests.Support;
using Ledger.Storage.Rocks;
using static Ledger.Execution.Tests.Support.TestChain;

namespace Ledger.Execution.Tests.Chain;

public sealed class RocksDbChainStoreTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "ledger-exec-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }

    [Fact]
    public void Blocks_and_state_survive_dispose_and_reopen()
    {
        Core.Primitives.Hash32 headHash, root;
        using (var store = RocksDbKeyValueStore.Open(_path))
        using (var chain = new TestChain(store))
        {
            for (var i = 0; i < 5; i++)
            {
                chain.Produce(chain.Tx(i % 3, i % 2 == 0 ? CounterA : CounterB, [CounterModule.Increment]));
            }

            headHash = chain.Chain.Head.Header.Hash;
            root = chain.Chain.World.Tree.Root;
        }

        using (var store = RocksDbKeyValueStore.Open(_path))
        using (var chain = new TestChain(store))
        {
            Assert.Equal(5UL, chain.Chain.HeadNumber);
            Assert.Equal(headHash, chain.Chain.Head.Header.Hash);
            Assert.Equal(root, chain.Chain.World.Tree.Root);
            Assert.Equal(3UL, CounterModule.ReadCount(chain.Chain.LatestState, CounterA));
            Assert.Equal(2UL, CounterModule.ReadCount(chain.Chain.LatestState, CounterB));
            Assert.Equal(5, chain.Chain.GetLogs(1, 5, [], []).Count);
        }
    }
}
