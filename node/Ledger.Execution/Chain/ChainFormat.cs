using System.Buffers.Binary;
using System.Text;
using Ledger.Core.Genesis;
using Ledger.Storage;

namespace Ledger.Execution.Chain;

/// <summary>
/// The data directory's format version (Meta <c>schema</c>), checked before anything else is read or written. A binary
/// opens its own format and every older one (migrating it forward, see <see cref="ChainStore"/>), and refuses a newer
/// one with a message that says what to run instead: a node must never guess at a layout it does not know.
/// </summary>
/// <remarks>
/// Versions: 1 is the layout of docs/state.md as first released; 2 adds the genesis document to Meta, so that offline
/// tools (verify-chain, export, a restored backup) need nothing but the directory. Bump <see cref="Current"/> only
/// together with a migration step in <c>ChainStore.Format.cs</c> and a line in docs/operations.md ("Upgrade").
/// </remarks>
public static class ChainFormat
{
    /// <summary>The format this binary writes.</summary>
    public const uint Current = 2;

    /// <summary>The first format that records the genesis document.</summary>
    public const uint GenesisDocumentSince = 2;

    /// <summary>
    /// The version <paramref name="store"/> records; null for an empty store (no chain yet). A chain with no version
    /// record is read as format 1: every release wrote one, so only a damaged or hand-made directory lacks it, and
    /// format 1 is what its keys would then be.
    /// </summary>
    public static uint? Read(IKeyValueStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var value = store.Get(Column.Meta, ChainKeys.Schema);
        if (value is null)
        {
            var empty = store.Get(Column.Meta, ChainKeys.Genesis) is null && store.Get(Column.Meta, ChainKeys.Head) is null;
            return empty ? null : 1;
        }

        if (value.Length != 4)
        {
            throw new ChainDataException(
                $"the data dir's format version record is {value.Length} bytes, not 4: the directory is damaged or was not written by ledger");
        }

        return BinaryPrimitives.ReadUInt32BigEndian(value);
    }

    /// <summary>Throws <see cref="ChainDataException"/> unless this binary can read (and, if older, migrate) <paramref name="version"/>.</summary>
    public static void EnsureSupported(uint version)
    {
        if (version > Current)
        {
            throw new ChainDataException(
                $"data dir format version {version} is newer than this ledger supports (format {Current}): it was written by a newer ledger. "
                + "Run that version or a later one, or restore a backup made by this version; nothing was changed.");
        }

        if (version == 0)
        {
            throw new ChainDataException("data dir format version 0 is not a ledger format: the directory is damaged or was not written by ledger");
        }
    }

    /// <summary>The genesis document as stored: the canonical JSON of <see cref="GenesisConfig.ToJson"/>, UTF-8.</summary>
    public static byte[] EncodeGenesis(GenesisConfig genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        return Encoding.UTF8.GetBytes(genesis.ToJson());
    }

    /// <summary>
    /// The genesis the directory was created with, or null for a format-1 directory (which does not record it). The
    /// caller still checks it against the stored genesis hash: a damaged document must not pass for the real one.
    /// </summary>
    public static GenesisConfig? ReadGenesis(IKeyValueStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var document = store.Get(Column.Meta, ChainKeys.GenesisDocument);
        if (document is null)
        {
            return null;
        }

        try
        {
            return GenesisLoader.Load(Encoding.UTF8.GetString(document));
        }
        catch (GenesisException ex)
        {
            throw new ChainDataException($"the genesis document stored in the data dir does not load: {ex.Message}", ex);
        }
    }
}
