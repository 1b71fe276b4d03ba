using Ledger.Core.Primitives;
using Ledger.Storage;

namespace Ledger.Execution.State;

/// <summary>
/// The committed state after one block, safe to read from any thread while later blocks commit.
/// Reads go to the store, which always holds the head state. When block N+1 commits, it first publishes
/// on snapshot N the old values of every key it changes (a <see cref="SnapshotSuccessor"/>), then writes.
/// A read therefore loads from disk FIRST and then walks the successor chain: if the disk value is already
/// newer than this snapshot, the successor that explains it was published before it hit the disk and is
/// visible, so the read never mixes two blocks.
/// </summary>
public sealed class StateSnapshot : ICommittedStateView, IStateRootSource
{
    private readonly WorldState _world;
    private readonly IKeyValueStore _store;
    private SnapshotSuccessor? _successor;

    internal StateSnapshot(WorldState world, IKeyValueStore store, ulong blockNumber, Hash32 stateRoot)
    {
        _world = world;
        _store = store;
        BlockNumber = blockNumber;
        StateRoot = stateRoot;
    }

    public ulong BlockNumber { get; }

    public Hash32 StateRoot { get; }

    public byte[]? Get(Address ns, ReadOnlySpan<byte> key)
    {
        var length = 1 + StateKeys.CompositeLength(key);
        var storeKey = length <= StateKeys.StackLimit ? stackalloc byte[length] : new byte[length];
        storeKey[0] = StateKeys.ValuePrefix;
        StateKeys.WriteComposite(ns, key, storeKey[1..]);
        var value = _store.Get(Column.State, storeKey);
        var composite = storeKey[1..];

        // The disk read must complete before the successor chain is read (see the class comment).
        Interlocked.MemoryBarrier();
        for (var successor = Volatile.Read(ref _successor); successor is not null; successor = Volatile.Read(ref successor.Next._successor))
        {
            if (successor.TryGetPrevious(composite, out var previous))
            {
                return previous?.ToArray();
            }
        }

        return value;
    }

    public ulong GetNonce(Address account) => StateKeys.ReadNonce(this, account);

    public StateTreeUpdate PrepareStateRoot(StateChangeSet changes) => _world.Prepare(this, changes);

    internal void PublishSuccessor(SnapshotSuccessor successor)
    {
        if (Interlocked.CompareExchange(ref _successor, successor, null) is not null)
        {
            throw new InvalidOperationException($"state of block {BlockNumber} already has a successor");
        }
    }
}
