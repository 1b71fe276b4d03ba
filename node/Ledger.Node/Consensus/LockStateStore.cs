using Ledger.Consensus.Persistence;
using Ledger.Storage;

namespace Ledger.Node.Consensus;

/// <summary>The validator's consensus lock (DESIGN.md §4): one synced key in <see cref="Column.Consensus"/>.</summary>
internal static class LockStateStore
{
    private static readonly byte[] Key = "qbft-lock"u8.ToArray();

    public static LockState? Load(IKeyValueStore store)
    {
        var bytes = store.Get(Column.Consensus, Key);
        return bytes is null ? null : LockStateCodec.Decode(bytes);
    }

    /// <summary>Synced: the vote this protects leaves the node only after this returns.</summary>
    public static void Save(IKeyValueStore store, LockState state)
    {
        using var batch = store.CreateBatch();
        batch.Put(Column.Consensus, Key, LockStateCodec.Encode(state));
        store.Write(batch, sync: true);
    }
}
