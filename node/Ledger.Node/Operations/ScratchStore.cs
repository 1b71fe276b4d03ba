using Ledger.Storage;
using Ledger.Storage.Rocks;

namespace Ledger.Node.Operations;

/// <summary>
/// A throwaway RocksDB in a fresh temporary directory for verify-chain's replay: writes are not synced (the copy is
/// worthless after a crash, and fsync per block would dominate the replay), and disposing deletes the directory. On disk
/// rather than in memory so that replaying a long chain needs bounded memory.
/// </summary>
public sealed class ScratchStore : IKeyValueStore
{
    private readonly RocksDbKeyValueStore _inner;

    private ScratchStore(string directory, RocksDbKeyValueStore inner)
    {
        Directory = directory;
        _inner = inner;
    }

    public string Directory { get; }

    /// <summary>Creates the store in a new directory under <paramref name="parent"/> (default: the system temp folder).</summary>
    public static ScratchStore Create(string? parent = null)
    {
        var directory = parent is null
            ? System.IO.Directory.CreateTempSubdirectory("ledger-verify-").FullName
            : System.IO.Directory.CreateDirectory(Path.Combine(parent, "ledger-verify-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            return new ScratchStore(directory, RocksDbKeyValueStore.Open(directory));
        }
        catch
        {
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public byte[]? Get(Column column, ReadOnlySpan<byte> key) => _inner.Get(column, key);

    public bool Contains(Column column, ReadOnlySpan<byte> key) => _inner.Contains(column, key);

    public IWriteBatch CreateBatch() => _inner.CreateBatch();

    public void Write(IWriteBatch batch, bool sync) => _inner.Write(batch, sync: false);

    public IEnumerable<KeyValuePair<byte[], byte[]>> Iterate(Column column, byte[] prefix) => _inner.Iterate(column, prefix);

    public IEnumerable<KeyValuePair<byte[], byte[]>> Iterate(Column column, byte[] prefix, byte[] from) => _inner.Iterate(column, prefix, from);

    public void Dispose()
    {
        _inner.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: the OS temp cleaner takes what is left
        }
    }
}
