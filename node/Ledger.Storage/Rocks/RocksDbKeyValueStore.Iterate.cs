using RocksDbSharp;

namespace Ledger.Storage.Rocks;

public sealed partial class RocksDbKeyValueStore
{
    /// <summary>
    /// Lazily walks the keys starting with <paramref name="prefix"/>: seek to the prefix, stop at the first key
    /// without it (keys are in unsigned byte order). Each step is guarded like any read, so an I/O error mid-scan
    /// fails the store too. Finish or dispose the enumerator before disposing the store.
    /// </summary>
    public IEnumerable<KeyValuePair<byte[], byte[]>> Iterate(Column column, byte[] prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return FamilyOrNull(column) is { } family ? IterateCore(family, prefix, prefix) : [];
    }

    /// <summary>As <see cref="Iterate(Column, byte[])"/>, but the first seek goes to <paramref name="from"/> (or the prefix, whichever is later).</summary>
    public IEnumerable<KeyValuePair<byte[], byte[]>> Iterate(Column column, byte[] prefix, byte[] from)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(from);
        return FamilyOrNull(column) is { } family ? IterateCore(family, prefix, from.AsSpan().SequenceCompareTo(prefix) > 0 ? from : prefix) : [];
    }

    private IEnumerable<KeyValuePair<byte[], byte[]>> IterateCore(ColumnFamilyHandle family, byte[] prefix, byte[] start)
    {
        using var iterator = Step(() => _db.NewIterator(family));
        var positioned = false;
        while (TryAdvance(iterator, prefix, start, ref positioned, out var entry))
        {
            yield return entry;
        }
    }

    private bool TryAdvance(Iterator iterator, byte[] prefix, byte[] start, ref bool positioned, out KeyValuePair<byte[], byte[]> entry)
    {
        entry = default;
        ThrowIfDisposed();
        try
        {
            FaultInjector?.Invoke();
            if (positioned)
            {
                iterator.Next();
            }
            else
            {
                iterator.Seek(start);
                positioned = true;
            }

            if (!iterator.Valid())
            {
                return false;
            }

            var key = iterator.GetKeySpan();
            if (!key.StartsWith(prefix))
            {
                return false;
            }

            entry = new KeyValuePair<byte[], byte[]>(key.ToArray(), iterator.GetValueSpan().ToArray());
            return true;
        }
        catch (Exception ex) when (IsStorageError(ex))
        {
            throw Fail("read", ex);
        }
    }

    private T Step<T>(Func<T> action)
    {
        try
        {
            FaultInjector?.Invoke();
            return action();
        }
        catch (Exception ex) when (IsStorageError(ex))
        {
            throw Fail("read", ex);
        }
    }
}
