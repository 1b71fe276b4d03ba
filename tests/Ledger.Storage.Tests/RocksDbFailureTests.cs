using System.Text;
using Ledger.Storage.Rocks;
using RocksDbSharp;

namespace Ledger.Storage.Tests;

/// <summary>The fatal-error seam: after an engine error the store reports once and refuses every later write.</summary>
public sealed class RocksDbFailureTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<Exception> _fatal = [];

    public void Dispose() => _dir.Dispose();

    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    private RocksDbKeyValueStore OpenStore() => RocksDbKeyValueStore.Open(_dir.Sub("db"), _fatal.Add);

    private static void Put(IKeyValueStore store, string key)
    {
        using var batch = store.CreateBatch();
        batch.Put(Column.State, B(key), B("v"));
        store.Write(batch, sync: true);
    }

    [Fact]
    public void A_failed_write_calls_on_fatal_once_and_every_later_write_throws()
    {
        using var store = OpenStore();
        Put(store, "before");
        var diskError = new IOException("No space left on device");
        store.FaultInjector = () => throw diskError;

        var first = Assert.Throws<StorageFailedException>(() => Put(store, "during"));
        Assert.Same(diskError, first.InnerException);
        Assert.Contains("No space left on device", first.Message);

        store.FaultInjector = null; // the disk "recovers", but the store must stay failed
        var later = Assert.Throws<StorageFailedException>(() => Put(store, "after"));
        Assert.Contains("failed earlier", later.Message);
        Assert.Throws<StorageFailedException>(() => Put(store, "after-again"));

        Assert.Same(diskError, Assert.Single(_fatal));
        Assert.True(store.IsFailed);
        Assert.Equal(B("v"), store.Get(Column.State, B("before")));
        Assert.Null(store.Get(Column.State, B("during")));
        Assert.Null(store.Get(Column.State, B("after")));
    }

    [Fact]
    public void A_failed_read_also_fails_the_store_for_writes()
    {
        using var store = OpenStore();
        Put(store, "k");
        store.FaultInjector = () => throw new RocksDbSharpException("Corruption: block checksum mismatch");

        var error = Assert.Throws<StorageFailedException>(() => store.Get(Column.State, B("k")));
        Assert.Contains("Corruption", error.Message);
        store.FaultInjector = null;

        Assert.Throws<StorageFailedException>(() => Put(store, "next"));
        Assert.Single(_fatal);
    }

    [Fact]
    public void A_failure_during_iteration_fails_the_store()
    {
        using var store = OpenStore();
        Put(store, "a");
        Put(store, "b");
        var calls = 0;
        store.FaultInjector = () =>
        {
            if (++calls == 3)
            {
                throw new IOException("read error");
            }
        };

        Assert.Throws<StorageFailedException>(() => store.Iterate(Column.State, []).ToList());
        Assert.True(store.IsFailed);
        Assert.Single(_fatal);
    }

    [Fact]
    public void Nothing_written_after_the_failure_reaches_disk()
    {
        using (var store = OpenStore())
        {
            store.FaultInjector = () => throw new IOException("I/O error");
            Assert.Throws<StorageFailedException>(() => Put(store, "lost"));
            store.FaultInjector = null;
            Assert.Throws<StorageFailedException>(() => Put(store, "refused"));
        }

        using var reopened = RocksDbKeyValueStore.Open(_dir.Sub("db"));
        Assert.Empty(reopened.Iterate(Column.State, []));
        Assert.False(reopened.IsFailed);
    }
}
