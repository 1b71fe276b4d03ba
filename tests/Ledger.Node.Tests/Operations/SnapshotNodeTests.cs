using Ledger.Contracts;
using Ledger.Contracts.Records;
using Ledger.Core.Crypto;
using Ledger.Execution.Chain;
using Ledger.Execution.Modules;
using Ledger.JsonRpc;
using Ledger.Node.Tests.Support;
using Ledger.Storage.Memory;

namespace Ledger.Node.Tests.Operations;

/// <summary>A node opened on a data dir started from a snapshot: it serves and produces blocks, and says why older ones are missing.</summary>
public sealed class SnapshotNodeTests
{
    [Fact]
    public async Task A_node_started_from_a_snapshot_produces_the_next_blocks_and_names_its_base_for_older_ones()
    {
        var target = new MemoryKeyValueStore();
        ulong height;
        await using (var source = new NodeFixture())
        {
            for (var i = 0UL; i < 3; i++)
            {
                source.Submit(1, i, to: 4, amount: 100);
                source.Node.Producer.ProduceBlock();
            }

            var snapshot = source.Node.Chain.CreateSnapshot(_ => [DevKeys.Address(10)]);
            height = snapshot.Manifest.Height;
            var registry = new ModuleRegistry(ModuleCatalog.FromGenesis(NodeFixture.Genesis));
            new ChainStore(target, registry, NodeFixture.Genesis, records: new RecordClassifier(registry.All))
                .OpenFromSnapshot(snapshot.Manifest, snapshot.Chunks, Ecdsa.Default);
        }

        await using var node = new NodeFixture(target);
        Assert.Equal(3UL, height);
        Assert.Equal(height, node.Node.Chain.HeadNumber);
        var before = node.BalanceOf(NodeFixture.Account(4));

        Assert.True(node.Submit(1, 3, to: 4, amount: 100).Accepted);
        node.Node.Producer.ProduceBlock();

        Assert.Equal(height + 1, node.Node.Chain.HeadNumber);
        Assert.Equal(before + 100, node.BalanceOf(NodeFixture.Account(4)));
        Assert.NotNull(node.Node.Backend.GetBlock(height));
        var error = Assert.Throws<JsonRpcException>(() => node.Node.Backend.GetBlock(1));
        Assert.Contains("block 1 is not stored on this node: it started from a snapshot of block 3", error.Message);
    }
}
