using Ledger.Core.Primitives;
using Ledger.Storage;

namespace Ledger.Execution.Chain;

/// <summary>
/// The records of a data directory exactly as stored (docs/state.md), read without opening a <see cref="ChainStore"/>:
/// nothing is checked, decoded or written here. For offline tools that must look at a damaged or read-only directory
/// and say precisely which record is wrong (verify-chain, export).
/// </summary>
public sealed class StoredChain(IKeyValueStore store)
{
    private readonly IKeyValueStore _store = store ?? throw new ArgumentNullException(nameof(store));

    public IKeyValueStore Store => _store;

    public Hash32? GenesisHash => ReadHash(Column.Meta, ChainKeys.Genesis);

    public Hash32? HeadHash => ReadHash(Column.Meta, ChainKeys.Head);

    /// <summary>Raw chain id record (8 bytes big-endian), or null.</summary>
    public byte[]? ChainIdRecord => _store.Get(Column.Meta, ChainKeys.ChainId);

    /// <summary>The base block of a data dir started from a snapshot (nothing before it is stored), or null.</summary>
    public ulong? SnapshotBase => _store.Get(Column.Meta, ChainKeys.SnapshotBase) is { Length: 8 } value
        ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(value)
        : null;

    /// <summary>The canonical block hash at <paramref name="number"/> (the 'n' index), or null.</summary>
    public Hash32? CanonicalHash(ulong number) => ReadHash(Column.Headers, ChainKeys.NumberKey(number));

    /// <summary>The raw canonical index value (to report a malformed one); null if absent.</summary>
    public byte[]? CanonicalRecord(ulong number) => _store.Get(Column.Headers, ChainKeys.NumberKey(number));

    /// <summary>The block record (<c>BlockCodec</c> encoding) stored under <paramref name="hash"/>.</summary>
    public byte[]? BlockRecord(Hash32 hash) => _store.Get(Column.Blocks, hash.ToArray());

    /// <summary>The header record ('h' ‖ hash, header RLP with round).</summary>
    public byte[]? HeaderRecord(Hash32 hash) => _store.Get(Column.Headers, ChainKeys.HeaderKey(hash));

    /// <summary>The receipts record (<c>ReceiptCodec.EncodeList</c>) of the block <paramref name="hash"/>.</summary>
    public byte[]? ReceiptsRecord(Hash32 hash) => _store.Get(Column.Receipts, hash.ToArray());

    /// <summary>Where the transaction index places <paramref name="transaction"/>; null if absent; throws on a malformed entry.</summary>
    public (ulong Number, int Index)? TransactionLocation(Hash32 transaction) =>
        _store.Get(Column.TxIndex, transaction.ToArray()) is { } value ? ChainKeys.ReadTxLocation(value) : null;

    private Hash32? ReadHash(Column column, ReadOnlySpan<byte> key)
    {
        var value = _store.Get(column, key);
        return value is { Length: Hash32.Length } ? new Hash32(value) : null;
    }
}
