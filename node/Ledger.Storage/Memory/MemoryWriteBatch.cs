namespace Ledger.Storage.Memory;

/// <summary>Buffers puts and deletes in order until <see cref="MemoryKeyValueStore.Write"/> applies them together.</summary>
internal sealed class MemoryWriteBatch(MemoryKeyValueStore owner) : IWriteBatch
{
    private readonly List<MemoryWriteOperation> _operations = [];
    private bool _disposed;

    public int Count => _operations.Count;

    internal IReadOnlyList<MemoryWriteOperation> Operations
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _operations;
        }
    }

    public void Put(Column column, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _operations.Add(new MemoryWriteOperation(column, key.ToArray(), value.ToArray()));
    }

    public void Delete(Column column, ReadOnlySpan<byte> key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _operations.Add(new MemoryWriteOperation(column, key.ToArray(), null));
    }

    public void Dispose()
    {
        _disposed = true;
        _operations.Clear();
    }

    internal bool BelongsTo(MemoryKeyValueStore store) => ReferenceEquals(owner, store);
}
