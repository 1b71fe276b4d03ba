using Ledger.Core.Primitives;
using Ledger.Storage;

namespace Ledger.Execution.State;

/// <summary>
/// The state after an older block, rebuilt on each read from the head state on disk and the reverse diffs in
/// <see cref="StateHistory"/>. Costs one point read plus one short prefix scan per key. A read that overlaps the
/// pruning of the block's diffs throws <see cref="StateNotRetainedException"/> rather than return a newer value.
/// </summary>
public sealed class HistoricalState : IStateView
{
    private readonly IKeyValueStore _store;
    private readonly StateHistory _history;

    internal HistoricalState(IKeyValueStore store, StateHistory history, ulong blockNumber)
    {
        _store = store;
        _history = history;
        BlockNumber = blockNumber;
    }

    public ulong BlockNumber { get; }

    public byte[]? Get(Address ns, ReadOnlySpan<byte> key)
    {
        CheckRetained();
        var storeKey = new byte[1 + StateKeys.CompositeLength(key)];
        storeKey[0] = StateKeys.ValuePrefix;
        StateKeys.WriteComposite(ns, key, storeKey.AsSpan(1));

        // Disk first, diffs second: a block committing in between writes its new value and the diff holding the
        // old one in one batch, so if the disk read saw the new value the diff scan sees the old one.
        var current = _store.Get(Column.State, storeKey);
        Interlocked.MemoryBarrier();
        var value = _history.ValueAt(BlockNumber, ns, key, current);
        CheckRetained();
        return value;
    }

    public ulong GetNonce(Address account) => StateKeys.ReadNonce(this, account);

    private void CheckRetained()
    {
        if (BlockNumber < _history.OldestBlock)
        {
            throw new StateNotRetainedException(BlockNumber, _history.Window);
        }
    }
}
