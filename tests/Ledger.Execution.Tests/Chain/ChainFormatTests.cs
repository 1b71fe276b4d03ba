using System.Buffers.Binary;
using System.Text;
using Ledger.Execution.Chain;
using Ledger.Execution.Tests.Support;
using Ledger.Storage;
using Ledger.Storage.Memory;
using static Ledger.Execution.Tests.Support.TestChain;

namespace Ledger.Execution.Tests.Chain;

/// <summary>The data directory's format version: recorded, migrated forward, and a newer one refused untouched.</summary>
public sealed class ChainFormatTests
{
    private static readonly byte[] SchemaKey = "schema"u8.ToArray();
    private static readonly byte[] GenesisDocumentKey = "genesisDocument"u8.ToArray();

    [Fact]
    public void A_new_data_dir_records_the_current_format_and_its_genesis_document()
    {
        using var chain = new TestChain();

        Assert.Equal(ChainFormat.Current, ChainFormat.Read(chain.Store));
        Assert.Equal(ChainFormat.EncodeGenesis(chain.Genesis), chain.Store.Get(Column.Meta, GenesisDocumentKey));
        Assert.Null(chain.Chain.MigratedFromFormat);
    }

    [Fact]
    public void An_empty_store_has_no_format_yet()
    {
        using var store = new MemoryKeyValueStore();

        Assert.Null(ChainFormat.Read(store));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_format_1_data_dir_is_migrated_to_the_current_format_and_keeps_its_chain(bool versionRecorded)
    {
        using var store = new MemoryKeyValueStore();
        Core.Primitives.Hash32 head;
        using (var chain = new TestChain(store))
        {
            chain.Produce(chain.Tx(0, CounterA, [CounterModule.Increment]));
            head = chain.Produce(chain.Tx(1, CounterA, [CounterModule.Increment])).Block.Header.Hash;
        }

        MakeFormat1(store, versionRecorded);
        Assert.Equal(1U, ChainFormat.Read(store));

        using var reopened = new TestChain(store);

        Assert.Equal(1U, reopened.Chain.MigratedFromFormat);
        Assert.Equal(ChainFormat.Current, ChainFormat.Read(store));
        Assert.Equal(ChainFormat.EncodeGenesis(reopened.Genesis), store.Get(Column.Meta, GenesisDocumentKey));
        Assert.Equal(head, reopened.Chain.Head.Header.Hash);
        Assert.Equal(2UL, CounterModule.ReadCount(reopened.Chain.LatestState, CounterA));
        reopened.Produce(reopened.Tx(2, CounterB, [CounterModule.Increment]));
        Assert.Equal(3UL, reopened.Chain.HeadNumber);
    }

    [Fact]
    public void A_data_dir_of_a_newer_format_is_refused_with_a_clear_message_and_left_untouched()
    {
        using var store = new MemoryKeyValueStore();
        using (var chain = new TestChain(store))
        {
            chain.Produce(chain.Tx(0, CounterA, [CounterModule.Increment]));
        }

        WriteSchema(store, ChainFormat.Current + 1);
        var before = Snapshot(store);

        var error = Assert.Throws<ChainDataException>(() => new TestChain(store));

        Assert.Contains($"format version {ChainFormat.Current + 1} is newer than this ledger supports (format {ChainFormat.Current})", error.Message);
        Assert.Contains("nothing was changed", error.Message);
        Assert.Equal(before, Snapshot(store));
    }

    [Fact]
    public void A_malformed_or_zero_format_record_is_refused()
    {
        using var store = new MemoryKeyValueStore();
        using (new TestChain(store))
        {
        }

        using (var batch = store.CreateBatch())
        {
            batch.Put(Column.Meta, SchemaKey, [1, 2]);
            store.Write(batch, sync: true);
        }

        Assert.Contains("format version record is 2 bytes", Assert.Throws<ChainDataException>(() => new TestChain(store)).Message);

        WriteSchema(store, 0);
        Assert.Contains("format version 0 is not a ledger format", Assert.Throws<ChainDataException>(() => new TestChain(store)).Message);
    }

    [Fact]
    public void A_format_record_without_a_chain_is_refused_as_inconsistent()
    {
        using var store = new MemoryKeyValueStore();
        WriteSchema(store, ChainFormat.Current);

        Assert.Contains("format version but no chain", Assert.Throws<ChainDataException>(() => new TestChain(store)).Message);
    }

    /// <summary>What a data dir written before format 2 holds: version 1 (or, damaged, none) and no genesis document.</summary>
    private static void MakeFormat1(IKeyValueStore store, bool versionRecorded)
    {
        using var batch = store.CreateBatch();
        batch.Delete(Column.Meta, GenesisDocumentKey);
        if (versionRecorded)
        {
            batch.Put(Column.Meta, SchemaKey, Version(1));
        }
        else
        {
            batch.Delete(Column.Meta, SchemaKey);
        }

        store.Write(batch, sync: true);
    }

    private static void WriteSchema(IKeyValueStore store, uint version)
    {
        using var batch = store.CreateBatch();
        batch.Put(Column.Meta, SchemaKey, Version(version));
        store.Write(batch, sync: true);
    }

    private static byte[] Version(uint version)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, version);
        return bytes;
    }

    /// <summary>Every row of every column, as text, to compare a store before and after.</summary>
    private static string Snapshot(IKeyValueStore store)
    {
        var text = new StringBuilder();
        foreach (var column in Enum.GetValues<Column>())
        {
            foreach (var (key, value) in store.Iterate(column, []))
            {
                text.Append(column).Append(' ').Append(Convert.ToHexString(key)).Append('=').AppendLine(Convert.ToHexString(value));
            }
        }

        return text.ToString();
    }
}
