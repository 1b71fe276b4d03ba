namespace Ledger.Storage.Memory;

/// <summary>
/// An in-memory <see cref="IKeyValueStore"/> for tests and the consensus simulator. Thread-safe: one lock guards
/// all columns, so a batch is applied atomically with respect to every reader. Keys are kept sorted per column in
/// unsigned byte order (as RocksDB), and values are copied in and out so callers can never alias stored bytes.
/// </summary>
public sealed class MemoryKeyValueStore : IKeyValueStore
{
    private readonly SortedSet<MemoryEntry>[] _columns;
    private readonly Lock _lock = new();
    private bool _disposed;

    public MemoryKeyValueStore()
    {
        var count = Enum.GetValues<Column>().Max(c => (int)c) + 1;
        _columns = new SortedSet<MemoryEntry>[count];
        for (var i = 0; i < count; i++)
        {
            _columns[i] = new SortedSet<MemoryEntry>(MemoryEntry.Comparer);
        }
    }

    /// <summary>Number of entries in a column (tests and diagnostics).</summary>
    public int Count(Column column)
    {
        lock (_lock)
        {
            ThrowIfDisposed();
            return ColumnOf(column).Count;
        }
    }

    public byte[]? Get(Column column, ReadOnlySpan<byte> key)
    {
        var probe = new MemoryEntry(key.ToArray(), []);
        lock (_lock)
        {
            ThrowIfDisposed();
            return ColumnOf(column).TryGetValue(probe, out var entry) ? (byte[])entry.Value.Clone() : null;
        }
    }

    public bool Contains(Column column, ReadOnlySpan<byte> key)
    {
        var probe = new MemoryEntry(key.ToArray(), []);
        lock (_lock)
        {
            ThrowIfDisposed();
            return ColumnOf(column).Contains(probe);
        }
    }

    public IWriteBatch CreateBatch()
    {
        ThrowIfDisposed();
        return new MemoryWriteBatch(this);
    }

    public void Write(IWriteBatch batch, bool sync)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch is not MemoryWriteBatch memoryBatch || !memoryBatch.BelongsTo(this))
        {
            throw new ArgumentException("the batch was not created by this store", nameof(batch));
        }

        var operations = memoryBatch.Operations;
        lock (_lock)
        {
            ThrowIfDisposed();
            // Applied under the lock in batch order: readers see all of the batch or none of it.
            foreach (var op in operations)
            {
                var column = ColumnOf(op.Column);
                var probe = new MemoryEntry(op.Key, op.Value ?? []);
                if (op.Value is null)
                {
                    column.Remove(probe);
                }
                else if (column.TryGetValue(probe, out var existing))
                {
                    existing.Value = op.Value;
                }
                else
                {
                    column.Add(probe);
                }
            }
        }
    }

    /// <summary>
    /// A snapshot of the matching entries taken under the lock, so callers may write to the store while they
    /// enumerate. The memory store holds test-sized data, so the copy is cheap enough.
    /// </summary>
    public IEnumerable<KeyValuePair<byte[], byte[]>> Iterate(Column column, byte[] prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var result = new List<KeyValuePair<byte[], byte[]>>();
        lock (_lock)
        {
            ThrowIfDisposed();
            // The view starts at the first key >= prefix (O(log n)); keys sharing the prefix are contiguous from there.
            foreach (var entry in ColumnOf(column).GetViewBetween(new MemoryEntry(prefix, []), MemoryEntry.End))
            {
                if (!entry.Key.AsSpan().StartsWith(prefix))
                {
                    break;
                }

                result.Add(new KeyValuePair<byte[], byte[]>((byte[])entry.Key.Clone(), (byte[])entry.Value.Clone()));
            }
        }

        return result;
    }

    /// <summary>
    /// Entries from <paramref name="from"/> on, read lazily in chunks (each chunk copied under the lock, the next one
    /// found by a fresh seek after the last key seen), so a reader that stops after one page copies one chunk, not
    /// the whole prefix. Like RocksDB's iterator, a write between chunks may be seen by the later chunks.
    /// </summary>
    public IEnumerable<KeyValuePair<byte[], byte[]>> Iterate(Column column, byte[] prefix, byte[] from)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(from);
        return IterateChunks(column, prefix, from.AsSpan().SequenceCompareTo(prefix) > 0 ? from : prefix);
    }

    private IEnumerable<KeyValuePair<byte[], byte[]>> IterateChunks(Column column, byte[] prefix, byte[] start)
    {
        const int ChunkSize = 256;
        var lowest = new MemoryEntry(start, []);
        byte[]? last = null;
        while (true)
        {
            var chunk = new List<KeyValuePair<byte[], byte[]>>(ChunkSize);
            var more = false;
            lock (_lock)
            {
                ThrowIfDisposed();
                foreach (var entry in ColumnOf(column).GetViewBetween(lowest, MemoryEntry.End))
                {
                    if (last is not null && entry.Key.AsSpan().SequenceCompareTo(last) <= 0)
                    {
                        continue; // the seek lands on the last key already returned
                    }

                    if (!entry.Key.AsSpan().StartsWith(prefix))
                    {
                        break;
                    }

                    if (chunk.Count == ChunkSize)
                    {
                        more = true;
                        break;
                    }

                    chunk.Add(new KeyValuePair<byte[], byte[]>((byte[])entry.Key.Clone(), (byte[])entry.Value.Clone()));
                }
            }

            foreach (var pair in chunk)
            {
                yield return pair;
            }

            if (!more)
            {
                yield break;
            }

            last = chunk[^1].Key;
            lowest = new MemoryEntry(last, []);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }
    }

    private SortedSet<MemoryEntry> ColumnOf(Column column)
    {
        var index = (int)column;
        if ((uint)index >= (uint)_columns.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, "unknown column");
        }

        return _columns[index];
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
