using System.Buffers.Binary;
using Ledger.Core.Primitives;
using Ledger.Storage;

namespace Ledger.Execution.State;

/// <summary>
/// The committed world state in Column.State plus the in-memory state tree: snapshots for readers, the
/// tree update of a block for the executor, and the state part of a block's WriteBatch for the chain store.
/// One writer (the commit path) at a time: <see cref="Prepare"/> and <see cref="Commit"/> serialise on a lock.
/// </summary>
public sealed partial class WorldState : IBucketSource
{
    private readonly IKeyValueStore _store;
    private readonly StateTree _tree;
    private readonly BucketCache _bucketCache;
    private readonly int _retainedStates;
    private readonly Lock _gate = new();
    private readonly Lock _retainedGate = new();
    private readonly Dictionary<ulong, StateSnapshot> _retained = [];
    private readonly Queue<ulong> _retainedOrder = new();
    private StateSnapshot _head;

    private WorldState(IKeyValueStore store, StateTree tree, ulong headNumber, int retainedStates, int historyBlocks)
    {
        _store = store;
        _tree = tree;
        _bucketCache = new BucketCache(this);
        _retainedStates = retainedStates;
        _history = new StateHistory(store, headNumber, historyBlocks);
        _head = new StateSnapshot(this, store, headNumber, tree.Root);
        Retain(_head);
    }

    /// <summary>The state tree (read it only from the commit path, e.g. for proofs built there).</summary>
    public StateTree Tree => _tree;

    public StateSnapshot Head => Volatile.Read(ref _head);

    /// <summary>
    /// Loads the tree from the persisted bucket hashes; the state is that of block <paramref name="headNumber"/>.
    /// <paramref name="retainedStates"/> snapshots stay in memory; <paramref name="historyBlocks"/> blocks of
    /// state can be rebuilt from the reverse diffs on disk.
    /// </summary>
    public static WorldState Load(IKeyValueStore store, ulong headNumber, int retainedStates = 16, int historyBlocks = DefaultHistoryBlocks)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(retainedStates, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(historyBlocks, 1);
        var buckets = new List<KeyValuePair<int, Hash32>>();
        foreach (var (key, value) in store.Iterate(Column.State, [StateKeys.BucketPrefix]))
        {
            if (key.Length != 3 || value.Length != Hash32.Length)
            {
                throw new InvalidDataException($"malformed state bucket record (key {key.Length} bytes, value {value.Length} bytes)");
            }

            buckets.Add(new(BinaryPrimitives.ReadUInt16BigEndian(key.AsSpan(1)), new Hash32(value)));
        }

        return new WorldState(store, StateTree.FromBucketHashes(buckets), headNumber, retainedStates, historyBlocks);
    }

    /// <summary>The state after block <paramref name="number"/> if it is still retained in memory, else null.</summary>
    public StateSnapshot? At(ulong number)
    {
        lock (_retainedGate)
        {
            return _retained.GetValueOrDefault(number);
        }
    }

    public void ReadEntries(int bucket, List<BucketEntry> into)
    {
        var prefix = new byte[3];
        prefix[0] = StateKeys.EntryPrefix;
        BinaryPrimitives.WriteUInt16BigEndian(prefix.AsSpan(1), (ushort)bucket);
        foreach (var (key, value) in _store.Iterate(Column.State, prefix))
        {
            if (key.Length != 1 + Hash32.Length || value.Length != Hash32.Length)
            {
                throw new InvalidDataException($"malformed state entry record in bucket {bucket}");
            }

            into.Add(new BucketEntry(new Hash32(key.AsSpan(1)), new Hash32(value)));
        }
    }

    internal StateTreeUpdate Prepare(StateSnapshot basis, StateChangeSet changes)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(basis, _head))
            {
                throw new InvalidOperationException(
                    $"a state root can only be computed on top of the head state (block {_head.BlockNumber}), not block {basis.BlockNumber}");
            }

            return _tree.Prepare(changes, _bucketCache);
        }
    }

    /// <summary>
    /// Commits block <paramref name="number"/>'s state: adds its writes to <paramref name="batch"/>, publishes the
    /// previous values for readers of older snapshots, calls <paramref name="write"/> (which must write the batch,
    /// synced) and only when that returned applies the tree and moves the head.
    /// </summary>
    public StateSnapshot Commit(ulong number, StateChangeSet changes, StateTreeUpdate? prepared, Hash32 expectedRoot, IWriteBatch batch, Action write)
    {
        lock (_gate)
        {
            var update = prepared is not null && prepared.BaseVersion == _tree.Version ? prepared : _tree.Prepare(changes, _bucketCache);
            if (update.Root != expectedRoot)
            {
                throw new ArgumentException($"block {number} declares state root {expectedRoot} but its state changes give {update.Root}");
            }

            WriteChanges(batch, changes, update);
            var next = new StateSnapshot(this, _store, number, update.Root);
            var previous = ReadPreviousValues(changes);
            if (number > 0)
            {
                _history.Record(batch, number, previous, PreviousBucketHashes(update));
            }

            _head.PublishSuccessor(new SnapshotSuccessor(previous, next));
            write();
            _tree.Apply(update);
            _bucketCache.Apply(update.MergedBuckets); // only now: the batch is on disk, so the cache still equals it
            Volatile.Write(ref _head, next);
            Retain(next);
            return next;
        }
    }

    private static void WriteChanges(IWriteBatch batch, StateChangeSet changes, StateTreeUpdate update)
    {
        foreach (var change in changes)
        {
            var key = new byte[1 + StateKeys.CompositeLength(change.Key)];
            key[0] = StateKeys.ValuePrefix;
            StateKeys.WriteComposite(change.Namespace, change.Key, key.AsSpan(1));
            if (change.Value is null)
            {
                batch.Delete(Column.State, key);
            }
            else
            {
                batch.Put(Column.State, key, change.Value);
            }
        }

        Span<byte> entryKey = stackalloc byte[1 + Hash32.Length];
        Span<byte> entryHash = stackalloc byte[Hash32.Length];
        entryKey[0] = StateKeys.EntryPrefix;
        foreach (var (leaf, hash) in update.EntryWrites)
        {
            leaf.WriteTo(entryKey[1..]);
            if (hash is { } h)
            {
                h.WriteTo(entryHash);
                batch.Put(Column.State, entryKey, entryHash);
            }
            else
            {
                batch.Delete(Column.State, entryKey);
            }
        }

        Span<byte> bucketKey = stackalloc byte[3];
        bucketKey[0] = StateKeys.BucketPrefix;
        foreach (var (index, hash) in update.ChangedNodes)
        {
            if (index < StateTree.BucketCount)
            {
                continue; // inner nodes are rebuilt from the buckets on load
            }

            BinaryPrimitives.WriteUInt16BigEndian(bucketKey[1..], (ushort)(index - StateTree.BucketCount));
            if (hash.IsZero)
            {
                batch.Delete(Column.State, bucketKey);
            }
            else
            {
                hash.WriteTo(entryHash);
                batch.Put(Column.State, bucketKey, entryHash);
            }
        }
    }

    private Dictionary<byte[], byte[]?> ReadPreviousValues(StateChangeSet changes)
    {
        var previous = new Dictionary<byte[], byte[]?>(changes.Count, ByteArrayComparer.Instance);
        foreach (var change in changes)
        {
            var key = new byte[1 + StateKeys.CompositeLength(change.Key)];
            key[0] = StateKeys.ValuePrefix;
            StateKeys.WriteComposite(change.Namespace, change.Key, key.AsSpan(1));
            previous[key[1..]] = _store.Get(Column.State, key);
        }

        return previous;
    }

    private void Retain(StateSnapshot snapshot)
    {
        lock (_retainedGate)
        {
            // Genesis replaces the empty pre-genesis snapshot, which also has number 0.
            if (_retained.TryAdd(snapshot.BlockNumber, snapshot))
            {
                _retainedOrder.Enqueue(snapshot.BlockNumber);
            }
            else
            {
                _retained[snapshot.BlockNumber] = snapshot;
            }

            while (_retainedOrder.Count > _retainedStates)
            {
                _retained.Remove(_retainedOrder.Dequeue());
            }
        }
    }
}
