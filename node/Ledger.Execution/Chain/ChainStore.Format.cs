using Ledger.Storage;

namespace Ledger.Execution.Chain;

public sealed partial class ChainStore
{
    /// <summary>The format version the data dir had when <see cref="Open"/> found it, if <see cref="Open"/> migrated it; else null.</summary>
    public uint? MigratedFromFormat { get; private set; }

    /// <summary>
    /// Brings a directory of an older format up to <see cref="ChainFormat.Current"/>, one version per synced batch that
    /// also records the new version: a crash between two steps leaves a directory at a version this binary still opens
    /// and migrates on the next start. Runs after the genesis and head checks, so it never writes into a directory
    /// of another chain.
    /// </summary>
    private void Migrate(uint from)
    {
        for (var version = from; version < ChainFormat.Current; version++)
        {
            using var batch = _store.CreateBatch();
            switch (version)
            {
                case 1:
                    // 1 → 2: record the genesis document (the genesis hash was just checked against this genesis).
                    batch.Put(Column.Meta, ChainKeys.GenesisDocument, ChainFormat.EncodeGenesis(_genesis));
                    break;
                default:
                    throw new InvalidOperationException($"no migration from data dir format {version} to {version + 1}");
            }

            batch.Put(Column.Meta, ChainKeys.Schema, ChainKeys.UInt32(version + 1));
            WriteDurably(batch);
        }

        MigratedFromFormat = from;
    }
}
