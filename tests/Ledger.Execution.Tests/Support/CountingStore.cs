using Ledger.Storage;

namespace Ledger.Execution.Tests.Support;

/// <summary>
/// A store that counts batches and the rows of the last one per column, and can fail its writes after a number of
/// successful ones (a disk that fills up), to show what reaches the store in which batch.
/// </summary>
internal sealed class CountingStore(IKeyValueStore inner) : IKeyValueStore
{
    private Dictionary<Column, int> _lastBatch = [];

    public int Writes { get; private set; }

    /// <summary>Writes after this many successful ones throw; null never fails.</summary>
    public int? FailAfterWrites { get; init; }

    public int LastBatchRows(Column column) => _lastBatch.GetValueOrDefault(column);

    public byte[]? Get(Column column, ReadOnlySpan<byte> key) => inner.Get(column, key);

    public bool Contains(Column column, ReadOnlySpan<byte> key) => inner.Contains(column, key);

    public IWriteBatch CreateBatch() => new Batch(inner.CreateBatch());

    public void Write(IWriteBatch batch, bool sync)
    {
        var counted = (Batch)batch;
        if (Writes >= FailAfterWrites)
        {
            throw new StorageFailedException("injected failure: No space left on device");
        }

        inner.Write(counted.Inner, sync);
        Writes++;
        _lastBatch = counted.Rows;
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> Iterate(Column column, byte[] prefix) => inner.Iterate(column, prefix);

    public IEnumerable<KeyValuePair<byte[], byte[]>> Iterate(Column column, byte[] prefix, byte[] from) => inner.Iterate(column, prefix, from);

    /// <summary>The wrapped store stays open: the test that made it disposes it.</summary>
    public void Dispose()
    {
    }

    private sealed class Batch(IWriteBatch inner) : IWriteBatch
    {
        public IWriteBatch Inner => inner;

        public Dictionary<Column, int> Rows { get; } = [];

        public int Count => inner.Count;

        public void Put(Column column, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
        {
            Rows[column] = Rows.GetValueOrDefault(column) + 1;
            inner.Put(column, key, value);
        }

        public void Delete(Column column, ReadOnlySpan<byte> key) => inner.Delete(column, key);

        public void Dispose() => inner.Dispose();
    }
}
