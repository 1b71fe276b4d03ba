using Ledger.Storage;
using Ledger.Storage.Memory;

namespace Ledger.Node.Tests.Support;

/// <summary>An in-memory store whose writes fail on demand, as a broken disk would.</summary>
internal sealed class FailingStore : IKeyValueStore
{
    private readonly MemoryKeyValueStore _inner = new();
    private int _failWrites;
    private int _successfulWrites;

    public int SuccessfulWrites => Volatile.Read(ref _successfulWrites);

    public void FailFromNowOn() => Volatile.Write(ref _failWrites, 1);

    public byte[]? Get(Column column, ReadOnlySpan<byte> key) => _inner.Get(column, key);

    public bool Contains(Column column, ReadOnlySpan<byte> key) => _inner.Contains(column, key);

    public IWriteBatch CreateBatch() => _inner.CreateBatch();

    public void Write(IWriteBatch batch, bool sync)
    {
        if (Volatile.Read(ref _failWrites) != 0)
        {
            throw new StorageFailedException("injected failure: No space left on device");
        }

        _inner.Write(batch, sync);
        Interlocked.Increment(ref _successfulWrites);
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> Iterate(Column column, byte[] prefix) => _inner.Iterate(column, prefix);

    public IEnumerable<KeyValuePair<byte[], byte[]>> Iterate(Column column, byte[] prefix, byte[] from) => _inner.Iterate(column, prefix, from);

    public void Dispose() => _inner.Dispose();
}
