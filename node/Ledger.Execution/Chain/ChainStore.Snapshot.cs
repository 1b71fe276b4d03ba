using Ledger.Core.Primitives;
using Ledger.Execution.Snapshots;
using Ledger.Execution.State;
using Ledger.Storage;

namespace Ledger.Execution.Chain;

/// <summary>Building a state snapshot of the head (docs/state.md, "Snapshots"), while blocks keep committing.</summary>
public sealed partial class ChainStore
{
    /// <summary>
    /// A snapshot of the state after the current head H: every entry, checked against H's state root before it is
    /// returned, cut into chunks of about <paramref name="chunkBytes"/>. <paramref name="validatorsAt"/> gives the set
    /// that certified H (named in the manifest). Runs beside commits and holds no lock; the whole state is held in
    /// memory while the chunks are built (about twice its encoded size).
    /// </summary>
    public ChainSnapshot CreateSnapshot(Func<ulong, IReadOnlyList<Address>> validatorsAt, int chunkBytes = SnapshotLimits.DefaultChunkBytes)
    {
        ArgumentNullException.ThrowIfNull(validatorsAt);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkBytes, SnapshotLimits.MaxChunkBytes / 2);
        for (var attempt = 0; ; attempt++)
        {
            var head = Head;
            try
            {
                var entries = ReadStateAt(head.Header.Number);
                var tree = SnapshotChunker.Tree(entries);
                if (tree.Root != head.Header.StateRoot)
                {
                    throw Inconsistent($"the state read for a snapshot of block {head.Header.Number} has root {tree.Root}, its header {head.Header.StateRoot}");
                }

                var ranges = new List<SnapshotChunkRange>();
                var chunks = SnapshotChunker.Chunk(entries, tree, chunkBytes, ranges);
                var manifest = new SnapshotManifest(_genesis.ChainId, GenesisHash, head, validatorsAt(head.Header.Number), ranges);
                return new ChainSnapshot(manifest, chunks);
            }
            catch (StateNotRetainedException) when (attempt < 3)
            {
                // The history window moved past H while the state was read (a tiny window and fast blocks): take the new head.
            }
        }
    }

    /// <summary>
    /// Every entry of the state after block <paramref name="number"/> (within the history window), sorted by leaf key.
    /// The 'v' rows are read live, so they may already hold writes of blocks after it; every key such a block wrote is
    /// listed in its 'k' row (same batch as its writes, so present whenever they are), and those keys are re-read at
    /// <paramref name="number"/> through the consistent historical view.
    /// </summary>
    private List<SnapshotEntry> ReadStateAt(ulong number)
    {
        var values = new Dictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        foreach (var (key, value) in _store.Iterate(Column.State, [StateKeys.ValuePrefix]))
        {
            values[key[1..]] = value;
        }

        var view = StateAt(number);
        var from = new byte[9];
        from[0] = StateHistory.BlockPrefix;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(from.AsSpan(1), number + 1);
        foreach (var (_, diff) in _store.Iterate(Column.StateHistory, [StateHistory.BlockPrefix], from))
        {
            foreach (var composite in BlockDiff.Decode(diff).Keys)
            {
                var ns = new Address(composite.AsSpan(0, Address.Length));
                if (view.Get(ns, composite.AsSpan(Address.Length)) is { } old)
                {
                    values[composite] = old;
                }
                else
                {
                    values.Remove(composite);
                }
            }
        }

        if (!IsStateRetained(number))
        {
            throw new StateNotRetainedException(number, World.History.Window);
        }

        var entries = new List<SnapshotEntry>(values.Count);
        foreach (var (composite, value) in values)
        {
            var ns = new Address(composite.AsSpan(0, Address.Length));
            var key = composite[Address.Length..];
            entries.Add(new SnapshotEntry(ns, key, value, StateKeys.LeafKey(ns, key)));
        }

        entries.Sort((a, b) => a.LeafKey.CompareTo(b.LeafKey));
        return entries;
    }
}
