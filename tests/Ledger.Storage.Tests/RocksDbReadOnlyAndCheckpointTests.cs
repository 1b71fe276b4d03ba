using System.Security.Cryptography;
using System.Text;
using Ledger.Storage.Rocks;

namespace Ledger.Storage.Tests;

/// <summary>What offline tools and online backups rely on: a read-only open that changes nothing, and a consistent checkpoint.</summary>
public sealed class RocksDbReadOnlyAndCheckpointTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string DbPath => _dir.Sub("db");

    public void Dispose() => _dir.Dispose();

    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_read_only_open_reads_every_column_and_leaves_the_directory_byte_for_byte_unchanged()
    {
        using (var store = RocksDbKeyValueStore.Open(DbPath))
        {
            // Unflushed writes: the read-only open must replay the WAL in memory, not on disk.
            Put(store, Column.Blocks, "block", "body");
            Put(store, Column.Meta, "head", "1");
        }

        var before = Fingerprint(DbPath);
        using (var readOnly = RocksDbKeyValueStore.OpenReadOnly(DbPath))
        {
            Assert.True(readOnly.IsReadOnly);
            Assert.Equal(B("body"), readOnly.Get(Column.Blocks, B("block")));
            Assert.Equal(B("1"), readOnly.Get(Column.Meta, B("head")));
            Assert.Single(readOnly.Iterate(Column.Blocks, []));
            Assert.Throws<InvalidOperationException>(() => readOnly.CreateBatch());
        }

        Assert.Equal(before, Fingerprint(DbPath));
    }

    [Fact]
    public void A_read_only_open_works_beside_the_process_that_has_the_database_open()
    {
        using var store = RocksDbKeyValueStore.Open(DbPath);
        Put(store, Column.Meta, "head", "7");

        using var readOnly = RocksDbKeyValueStore.OpenReadOnly(DbPath);

        Assert.Equal(B("7"), readOnly.Get(Column.Meta, B("head")));
    }

    [Fact]
    public void A_read_only_open_of_a_directory_that_is_not_a_database_fails_clearly_and_creates_nothing()
    {
        var empty = _dir.Sub("empty");
        Directory.CreateDirectory(empty);

        var error = Assert.Throws<StorageFailedException>(() => RocksDbKeyValueStore.OpenReadOnly(empty));

        Assert.Contains("not a database directory", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(empty));
    }

    [Fact]
    public void A_checkpoint_of_an_open_store_holds_what_was_written_before_it_and_nothing_after()
    {
        var backup = _dir.Sub("backup");
        using (var store = RocksDbKeyValueStore.Open(DbPath))
        {
            Put(store, Column.Blocks, "block-1", "one");
            Put(store, Column.Meta, "head", "1");
            store.CreateCheckpoint(backup);
            Put(store, Column.Blocks, "block-2", "two");
            Put(store, Column.Meta, "head", "2");
            Assert.Equal(B("2"), store.Get(Column.Meta, B("head")));
        }

        using var restored = RocksDbKeyValueStore.Open(backup);
        Assert.Equal(B("1"), restored.Get(Column.Meta, B("head")));
        Assert.Equal(B("one"), restored.Get(Column.Blocks, B("block-1")));
        Assert.Null(restored.Get(Column.Blocks, B("block-2")));
        Put(restored, Column.Meta, "head", "restored");
        Assert.Equal(B("restored"), restored.Get(Column.Meta, B("head")));
    }

    [Fact]
    public void A_checkpoint_refuses_an_existing_target()
    {
        var backup = _dir.Sub("taken");
        Directory.CreateDirectory(backup);
        using var store = RocksDbKeyValueStore.Open(DbPath);

        var error = Assert.Throws<IOException>(() => store.CreateCheckpoint(backup));

        Assert.Contains("already exists", error.Message);
        Assert.False(store.IsFailed);
    }

    private static void Put(RocksDbKeyValueStore store, Column column, string key, string value)
    {
        using var batch = store.CreateBatch();
        batch.Put(column, B(key), B(value));
        store.Write(batch, sync: true);
    }

    /// <summary>Every file's relative name, size and SHA-256, plus its modification time.</summary>
    private static string Fingerprint(string directory)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            text.Append(Path.GetRelativePath(directory, file)).Append(' ').Append(bytes.Length).Append(' ')
                .Append(Convert.ToHexString(SHA256.HashData(bytes))).Append(' ')
                .AppendLine(File.GetLastWriteTimeUtc(file).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
