namespace Ledger.Storage;

/// <summary>
/// The node's key-value store: column families, atomic batches, ordered prefix iteration. Implemented by
/// <see cref="Memory.MemoryKeyValueStore"/> (tests, simulator) and <see cref="Rocks.RocksDbKeyValueStore"/>.
/// After a failed write the store refuses further writes (see <see cref="StorageFailedException"/>).
/// </summary>
public interface IKeyValueStore : IDisposable
{
    byte[]? Get(Column column, ReadOnlySpan<byte> key);

    bool Contains(Column column, ReadOnlySpan<byte> key);

    IWriteBatch CreateBatch();

    /// <summary>Applies every write of the batch or none. <paramref name="sync"/> fsyncs the WAL before returning.</summary>
    void Write(IWriteBatch batch, bool sync);

    /// <summary>Entries whose key starts with <paramref name="prefix"/>, in ascending byte order of key.</summary>
    IEnumerable<KeyValuePair<byte[], byte[]>> Iterate(Column column, byte[] prefix);

    /// <summary>
    /// Entries whose key starts with <paramref name="prefix"/> and is at least <paramref name="from"/>, in ascending
    /// byte order of key: one seek, so a page deep inside a long prefix costs the same as the first one.
    /// </summary>
    IEnumerable<KeyValuePair<byte[], byte[]>> Iterate(Column column, byte[] prefix, byte[] from);
}
