using System.Buffers.Binary;
using Ledger.Core.Primitives;
using Ledger.Storage;

namespace Ledger.Execution.State;

/// <summary>
/// Reverse state diffs of the recent blocks in <see cref="Column.StateHistory"/> (docs/state.md, "Historical
/// state"): for every key block N changed, the value it had before N; and per block, the keys and the previous
/// bucket hashes. The head state on disk plus these diffs give the state after any block from
/// <see cref="OldestBlock"/> to the head, also after a restart. Written in the block's own WriteBatch, so a block
/// and its diff reach disk together; the oldest diffs are pruned in the same batch.
/// </summary>
public sealed class StateHistory
{
    /// <summary>'c' ‖ ns(20) ‖ keyLength(2) ‖ key ‖ block(8) → 0x00 (absent) or 0x01 ‖ value before that block.</summary>
    internal const byte ChangePrefix = (byte)'c';

    /// <summary>'k' ‖ block(8) → the block's changed composite keys and previous bucket hashes (see <see cref="BlockDiff"/>).</summary>
    internal const byte BlockPrefix = (byte)'k';

    /// <summary>'f' → the oldest block (8) whose state the diffs can rebuild.</summary>
    private static ReadOnlySpan<byte> OldestKey => "f"u8;

    // A node restarted with a much smaller window prunes the backlog this many blocks per commit, so no single
    // commit turns into a long delete.
    private const int MaxPrunedPerCommit = 64;

    private readonly IKeyValueStore _store;
    private ulong _oldest;

    internal StateHistory(IKeyValueStore store, ulong headNumber, int window)
    {
        _store = store;
        Window = window;

        // A database written before diffs existed (or a fresh one at genesis) can rebuild only its head.
        var stored = store.Get(Column.StateHistory, OldestKey);
        _oldest = stored is { Length: 8 } ? Math.Min(BinaryPrimitives.ReadUInt64BigEndian(stored), headNumber) : headNumber;
    }

    /// <summary>How many blocks of state are kept (the head and the <c>Window - 1</c> before it).</summary>
    public int Window { get; }

    /// <summary>The oldest block whose state can be read. Raised before a pruning batch is written (readers re-check it).</summary>
    public ulong OldestBlock => Volatile.Read(ref _oldest);

    /// <summary>
    /// Adds block <paramref name="number"/>'s reverse diff to <paramref name="batch"/> and prunes the diffs that
    /// fall out of the window. Call before the batch is written; <see cref="OldestBlock"/> moves at once.
    /// </summary>
    internal void Record(IWriteBatch batch, ulong number, Dictionary<byte[], byte[]?> previousValues, IReadOnlyList<KeyValuePair<int, Hash32>> previousBuckets)
    {
        foreach (var (composite, previous) in previousValues)
        {
            batch.Put(Column.StateHistory, ChangeKey(composite, number), EncodeValue(previous));
        }

        batch.Put(Column.StateHistory, BlockKey(number), BlockDiff.Encode(previousValues.Keys, previousBuckets));
        var oldest = OldestBlock;
        var target = number + 1 >= (ulong)Window ? number + 1 - (ulong)Window : 0;
        var newOldest = Math.Min(Math.Max(oldest, target), oldest + MaxPrunedPerCommit);
        for (var block = oldest + 1; block <= newOldest; block++)
        {
            Prune(batch, block);
        }

        Span<byte> encoded = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(encoded, newOldest);
        batch.Put(Column.StateHistory, OldestKey, encoded);

        // Published before the write: a reader of a block below it that started earlier re-checks and gives up
        // instead of returning a value whose diff vanished under it.
        Volatile.Write(ref _oldest, newOldest);
    }

    /// <summary>
    /// The value of (ns, key) after block <paramref name="number"/>, given <paramref name="current"/>, the value on
    /// disk read BEFORE this call: the first diff of a later block holds it, else the disk value is still current.
    /// </summary>
    internal byte[]? ValueAt(ulong number, Address ns, ReadOnlySpan<byte> key, byte[]? current)
    {
        var prefix = new byte[1 + Address.Length + 2 + key.Length];
        WriteChangePrefix(prefix, ns, key);
        foreach (var (recordKey, value) in _store.Iterate(Column.StateHistory, prefix))
        {
            if (recordKey.Length == prefix.Length + 8 && BinaryPrimitives.ReadUInt64BigEndian(recordKey.AsSpan(prefix.Length)) > number)
            {
                return DecodeValue(value);
            }
        }

        return current;
    }

    /// <summary>Block <paramref name="number"/>'s diff, or null when it was pruned (or never written).</summary>
    internal BlockDiff? ReadBlock(ulong number) =>
        _store.Get(Column.StateHistory, BlockKey(number)) is { } encoded ? BlockDiff.Decode(encoded) : null;

    private void Prune(IWriteBatch batch, ulong block)
    {
        var blockKey = BlockKey(block);
        if (_store.Get(Column.StateHistory, blockKey) is { } encoded)
        {
            foreach (var composite in BlockDiff.Decode(encoded).Keys)
            {
                batch.Delete(Column.StateHistory, ChangeKey(composite, block));
            }

            batch.Delete(Column.StateHistory, blockKey);
        }
    }

    private static byte[] ChangeKey(byte[] composite, ulong number)
    {
        var key = new byte[1 + composite.Length + 2 + 8];
        var ns = new Address(composite.AsSpan(0, Address.Length));
        WriteChangePrefix(key, ns, composite.AsSpan(Address.Length));
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(key.Length - 8), number);
        return key;
    }

    // The key length makes the prefix unambiguous: key "ab" is not a prefix match of key "abc".
    private static void WriteChangePrefix(Span<byte> destination, Address ns, ReadOnlySpan<byte> key)
    {
        destination[0] = ChangePrefix;
        ns.WriteTo(destination[1..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[(1 + Address.Length)..], (ushort)key.Length);
        key.CopyTo(destination[(1 + Address.Length + 2)..]);
    }

    private static byte[] BlockKey(ulong number)
    {
        var key = new byte[9];
        key[0] = BlockPrefix;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), number);
        return key;
    }

    private static byte[] EncodeValue(byte[]? value)
    {
        if (value is null)
        {
            return [0];
        }

        var encoded = new byte[1 + value.Length];
        encoded[0] = 1;
        value.CopyTo(encoded, 1);
        return encoded;
    }

    private static byte[]? DecodeValue(byte[] encoded) => encoded switch
    {
        [0] => null,
        [1, ..] => encoded[1..],
        _ => throw new InvalidDataException("malformed state history record"),
    };
}
