using RocksDbSharp;

namespace Ledger.Storage.Rocks;

/// <summary>A native RocksDB write batch bound to the column families of the store that created it.</summary>
internal sealed class RocksDbWriteBatch(RocksDbKeyValueStore owner) : IWriteBatch
{
    private readonly WriteBatch _batch = new();
    private int _count;
    private bool _disposed;

    public int Count => _count;

    internal WriteBatch Native
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _batch;
        }
    }

    public void Put(Column column, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _batch.Put(key, value, owner.FamilyOf(column));
        _count++;
    }

    public void Delete(Column column, ReadOnlySpan<byte> key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _batch.Delete(key, owner.FamilyOf(column));
        _count++;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _batch.Dispose();
        }
    }

    internal bool BelongsTo(RocksDbKeyValueStore store) => ReferenceEquals(owner, store);
}
