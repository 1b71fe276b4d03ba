using RocksDbSharp;

namespace Ledger.Storage.Rocks;

/// <summary>
/// The RocksDB engine: one column family per <see cref="Column"/>, WAL always on, atomic <see cref="WriteBatch"/>es.
/// Any RocksDB or I/O error marks the store failed: <c>onFatal</c> runs once (the node stops there) and every
/// later write throws <see cref="StorageFailedException"/>, so nothing reaches disk after a write that may have
/// been partial. Dispose only after every reader and writer has stopped: RocksDB handles are native.
/// </summary>
public sealed partial class RocksDbKeyValueStore : IKeyValueStore
{
    private readonly RocksDb _db;
    private readonly ColumnFamilyHandle?[] _families;
    private readonly bool _readOnly;
    private readonly WriteOptions _syncWrites = new WriteOptions().SetSync(true);
    private readonly WriteOptions _bufferedWrites = new WriteOptions().SetSync(false);
    private readonly Action<Exception>? _onFatal;
    private Exception? _failure;
    private int _failed;
    private int _disposed;

    private RocksDbKeyValueStore(RocksDb db, ColumnFamilyHandle?[] families, Action<Exception>? onFatal, bool readOnly)
    {
        _db = db;
        _families = families;
        _onFatal = onFatal;
        _readOnly = readOnly;
    }

    /// <summary>The data directory this store was opened on.</summary>
    public string Path => _db.Path;

    /// <summary>True for a store from <see cref="OpenReadOnly"/>: it refuses every write.</summary>
    public bool IsReadOnly => _readOnly;

    /// <summary>True once a read or write failed; the store then refuses every write.</summary>
    public bool IsFailed => Volatile.Read(ref _failed) != 0;

    /// <summary>Test seam: runs before every engine call, so a test can throw the error a failing disk would.</summary>
    internal Action? FaultInjector { get; set; }

    public byte[]? Get(Column column, ReadOnlySpan<byte> key)
    {
        if (FamilyOrNull(column) is not { } family)
        {
            return null;
        }

        try
        {
            FaultInjector?.Invoke();
            return _db.Get(key, family);
        }
        catch (Exception ex) when (IsStorageError(ex))
        {
            throw Fail("read", ex);
        }
    }

    public bool Contains(Column column, ReadOnlySpan<byte> key)
    {
        if (FamilyOrNull(column) is not { } family)
        {
            return false;
        }

        try
        {
            FaultInjector?.Invoke();
            return _db.HasKey(key, family);
        }
        catch (Exception ex) when (IsStorageError(ex))
        {
            throw Fail("read", ex);
        }
    }

    public IWriteBatch CreateBatch()
    {
        ThrowIfDisposed();
        ThrowIfReadOnly();
        return new RocksDbWriteBatch(this);
    }

    public void Write(IWriteBatch batch, bool sync)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch is not RocksDbWriteBatch rocksBatch || !rocksBatch.BelongsTo(this))
        {
            throw new ArgumentException("the batch was not created by this store", nameof(batch));
        }

        ThrowIfDisposed();
        ThrowIfReadOnly();
        ThrowIfFailed();
        try
        {
            FaultInjector?.Invoke();
            _db.Write(rocksBatch.Native, sync ? _syncWrites : _bufferedWrites);
        }
        catch (Exception ex) when (IsStorageError(ex))
        {
            throw Fail("write", ex);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // RocksDb.Dispose releases the column family handles and closes the database (flushing the memtables is
        // not needed for durability: the WAL already holds every write).
        _db.Dispose();
    }

    internal ColumnFamilyHandle FamilyOf(Column column) =>
        FamilyOrNull(column) ?? throw new InvalidOperationException($"the database has no column family for {column}");

    /// <summary>The handle of <paramref name="column"/>; null only in a read-only store whose directory lacks that family.</summary>
    internal ColumnFamilyHandle? FamilyOrNull(Column column)
    {
        ThrowIfDisposed();
        var index = (int)column;
        if ((uint)index >= (uint)_families.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, "unknown column");
        }

        return _families[index];
    }

    private static bool IsStorageError(Exception ex) => ex is RocksDbSharpException or IOException;

    /// <summary>Marks the store failed (once), tells the owner, and returns the exception for the caller to throw.</summary>
    private StorageFailedException Fail(string operation, Exception cause)
    {
        if (Interlocked.CompareExchange(ref _failed, 1, 0) == 0)
        {
            _failure = cause;
            _onFatal?.Invoke(cause);
        }

        return new StorageFailedException($"RocksDB {operation} failed at '{Path}': {cause.Message}", cause);
    }

    private void ThrowIfFailed()
    {
        if (IsFailed)
        {
            throw new StorageFailedException(
                $"the store at '{Path}' failed earlier ({_failure?.Message}); no further writes are accepted", _failure);
        }
    }

    private void ThrowIfReadOnly()
    {
        if (_readOnly)
        {
            throw new InvalidOperationException($"the store at '{Path}' was opened read-only; it accepts no writes");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
