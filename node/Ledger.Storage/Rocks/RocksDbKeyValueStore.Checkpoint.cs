using RocksDbSharp;

namespace Ledger.Storage.Rocks;

public sealed partial class RocksDbKeyValueStore
{
    /// <summary>
    /// Writes a consistent copy of the open database to <paramref name="directory"/> (which must not exist yet) while
    /// it keeps serving: RocksDB's checkpoint hard-links the immutable table files when the target is on the same
    /// filesystem (copies them otherwise), copies the manifest, and flushes the memtables first so the copy needs no
    /// log replay. Every write batch is either wholly in the copy or not at all, so a checkpoint holds whole blocks;
    /// the copy opens like any data directory.
    /// </summary>
    public void CreateCheckpoint(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ThrowIfDisposed();
        var target = System.IO.Path.GetFullPath(directory);
        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new IOException($"the checkpoint target '{target}' already exists; name a new directory");
        }

        try
        {
            FaultInjector?.Invoke();
            using var checkpoint = _db.Checkpoint();
            checkpoint.Save(target, logSizeForFlush: 0);
        }
        catch (RocksDbSharpException ex)
        {
            // A failed checkpoint says nothing about the live database (the target's disk may be full): report it to
            // the operator without marking the store failed.
            throw new IOException($"cannot write a checkpoint of '{Path}' to '{target}': {ex.Message}", ex);
        }
    }
}
