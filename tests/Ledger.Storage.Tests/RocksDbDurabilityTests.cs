using System.Text;
using Ledger.Storage.Rocks;

namespace Ledger.Storage.Tests;

/// <summary>Dispose-reopen-verify: what a restarted node finds on disk.</summary>
public sealed class RocksDbDurabilityTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string DbPath => _dir.Sub("db");

    public void Dispose() => _dir.Dispose();

    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_synced_batch_survives_dispose_and_reopen()
    {
        using (var store = RocksDbKeyValueStore.Open(DbPath))
        {
            using var batch = store.CreateBatch();
            batch.Put(Column.Blocks, B("block:1"), B("body"));
            batch.Put(Column.Meta, B("head"), B("1"));
            batch.Delete(Column.Meta, B("absent"));
            store.Write(batch, sync: true);
        }

        using var reopened = RocksDbKeyValueStore.Open(DbPath);
        Assert.Equal(B("body"), reopened.Get(Column.Blocks, B("block:1")));
        Assert.Equal(B("1"), reopened.Get(Column.Meta, B("head")));
    }

    [Fact]
    public void Every_column_keeps_its_own_data_across_reopen()
    {
        using (var store = RocksDbKeyValueStore.Open(DbPath))
        {
            using var batch = store.CreateBatch();
            foreach (var column in Enum.GetValues<Column>())
            {
                batch.Put(column, B("key"), B(column.ToString()));
                batch.Put(column, B("only-" + column), []);
            }

            store.Write(batch, sync: true);
        }

        using var reopened = RocksDbKeyValueStore.Open(DbPath);
        foreach (var column in Enum.GetValues<Column>())
        {
            Assert.Equal(B(column.ToString()), reopened.Get(column, B("key")));
            Assert.Equal(2, reopened.Iterate(column, []).Count());
            Assert.True(reopened.Contains(column, B("only-" + column)));
        }
    }

    [Fact]
    public void Deletes_and_unsynced_writes_are_visible_after_a_clean_close()
    {
        using (var store = RocksDbKeyValueStore.Open(DbPath))
        {
            using var first = store.CreateBatch();
            first.Put(Column.State, B("a"), B("1"));
            first.Put(Column.State, B("b"), B("2"));
            store.Write(first, sync: false);
            using var second = store.CreateBatch();
            second.Delete(Column.State, B("a"));
            store.Write(second, sync: false);
        }

        using var reopened = RocksDbKeyValueStore.Open(DbPath);
        Assert.Null(reopened.Get(Column.State, B("a")));
        Assert.Equal(B("2"), reopened.Get(Column.State, B("b")));
    }

    [Fact]
    public void Opening_a_directory_already_open_fails_with_a_clear_error()
    {
        using var first = RocksDbKeyValueStore.Open(DbPath);

        var error = Assert.Throws<StorageFailedException>(() => RocksDbKeyValueStore.Open(DbPath));
        Assert.Contains("another node", error.Message);
        Assert.Contains(DbPath, error.Message);
    }

    [Fact]
    public void The_directory_can_be_reopened_once_the_first_store_is_disposed()
    {
        var first = RocksDbKeyValueStore.Open(DbPath);
        first.Dispose();

        using var second = RocksDbKeyValueStore.Open(DbPath);
        Assert.Equal(Path.GetFullPath(DbPath), second.Path.TrimEnd('/'));
    }
}
