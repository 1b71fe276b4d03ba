using Ledger.Execution.Chain;
using Ledger.Node.Configuration;
using Ledger.Node.Tests.Support;
using Ledger.Storage;
using Ledger.Storage.Rocks;
using static Ledger.Node.Tests.Operations.DataDirectoryEdits;

namespace Ledger.Node.Tests.Operations;

/// <summary>A node binary meets data directories of an older, its own and a newer format (issue 14, item 7).</summary>
public sealed class DataFormatUpgradeTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Data => _temp.File("data");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_node_refuses_a_data_directory_of_a_newer_format_with_what_to_do_and_changes_nothing()
    {
        await MakeChainAsync();
        using (var store = RocksDbKeyValueStore.Open(Data))
        {
            Put(store, Column.Meta, "schema"u8.ToArray(), [0, 0, 0, (byte)(ChainFormat.Current + 1)]);
        }

        var before = Rows(Data);

        var error = Assert.Throws<NodeConfigurationException>(() => new NodeFixture(RocksDbKeyValueStore.Open(Data)));

        Assert.Equal(
            $"cannot open the chain: data dir format version {ChainFormat.Current + 1} is newer than this ledger supports (format {ChainFormat.Current}): "
            + "it was written by a newer ledger. Run that version or a later one, or restore a backup made by this version; nothing was changed.",
            error.Message);
        Assert.Equal(before, Rows(Data)); // the node opened RocksDB, which may rewrite its own files, but wrote no row
    }

    [Fact]
    public async Task A_node_migrates_a_format_1_directory_and_keeps_serving_its_chain()
    {
        var head = await MakeChainAsync();
        using (var store = RocksDbKeyValueStore.Open(Data))
        {
            using var batch = store.CreateBatch();
            batch.Put(Column.Meta, "schema"u8, [0, 0, 0, 1]);
            batch.Delete(Column.Meta, "genesisDocument"u8);
            store.Write(batch, sync: true);
        }

        await using (var node = new NodeFixture(RocksDbKeyValueStore.Open(Data)))
        {
            Assert.Equal(1U, node.Node.Chain.MigratedFromFormat);
            Assert.Equal(head, node.Node.Chain.Head.Header.Hash);
            node.Submit(1, 1);
            Assert.Equal(2UL, node.Node.Producer.ProduceBlock()!.Header.Number);
        }

        using var reopened = RocksDbKeyValueStore.OpenReadOnly(Data);
        Assert.Equal(ChainFormat.Current, ChainFormat.Read(reopened));
        Assert.Equal(NodeFixture.Genesis.ToJson(), ChainFormat.ReadGenesis(reopened)!.ToJson());
    }

    [Fact]
    public async Task A_restart_on_the_current_format_migrates_nothing()
    {
        await MakeChainAsync();

        await using var node = new NodeFixture(RocksDbKeyValueStore.Open(Data));

        Assert.Null(node.Node.Chain.MigratedFromFormat);
    }

    private async Task<Core.Primitives.Hash32> MakeChainAsync()
    {
        await using var node = new NodeFixture(RocksDbKeyValueStore.Open(Data));
        node.Submit(1, 0);
        return node.Node.Producer.ProduceBlock()!.Header.Hash;
    }
}
