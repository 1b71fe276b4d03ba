using Ledger.Core.Primitives;

namespace Ledger.Execution.Pool;

/// <summary>
/// One sender's pooled transactions, sorted by nonce, at most one per nonce. A sorted list rather than a tree:
/// nonces nearly always arrive in order (append), and dropping the committed prefix is one memmove.
/// The queue also knows the sender's committed nonce as the pool last learned it (<see cref="BaseNonce"/>) and how
/// many entries follow it without a gap (<see cref="ExecutableCount"/>): the rest are "queued" behind a gap, which
/// the pool's bounds treat differently (they expire, and they are evicted first).
/// Not thread-safe: the pool's lock guards it.
/// </summary>
internal sealed class SenderQueue(Address sender, ulong baseNonce)
{
    private readonly List<PoolEntry> _entries = [];

    public Address Sender { get; } = sender;

    /// <summary>This queue's place in the pool's arrival order of senders (round-robin order).</summary>
    public LinkedListNode<SenderQueue>? OrderNode { get; set; }

    /// <summary>The sender's committed nonce as last learned (every entry has a nonce at or above it, once pruned).</summary>
    public ulong BaseNonce { get; private set; } = baseNonce;

    /// <summary>Entries from index 0 whose nonces run <see cref="BaseNonce"/>, +1, … without a gap.</summary>
    public int ExecutableCount { get; private set; }

    public int Count => _entries.Count;

    public int QueuedCount => _entries.Count - ExecutableCount;

    public long Bytes { get; private set; }

    /// <summary>Bytes of the entries behind a gap.</summary>
    public long QueuedBytes { get; private set; }

    /// <summary>Replacement allowance (token bucket), refilled by the pool's clock.</summary>
    public double ReplacementTokens { get; set; } = double.NaN;

    public long ReplacementRefilledAtMs { get; set; }

    public PoolEntry this[int index] => _entries[index];

    public PoolEntry Last => _entries[^1];

    /// <summary>Index of <paramref name="nonce"/>, or the bitwise complement of where it would go.</summary>
    public int IndexOf(ulong nonce)
    {
        var lo = 0;
        var hi = _entries.Count - 1;
        if (hi >= 0 && _entries[hi].Nonce < nonce)
        {
            return ~_entries.Count; // the common case: the next nonce goes at the end
        }

        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var midNonce = _entries[mid].Nonce;
            if (midNonce == nonce)
            {
                return mid;
            }

            if (midNonce < nonce)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    public PoolEntry? Get(ulong nonce)
    {
        var index = IndexOf(nonce);
        return index >= 0 ? _entries[index] : null;
    }

    /// <summary>Inserts in nonce order; returns the entry it replaced (same nonce), if any.</summary>
    public PoolEntry? Upsert(PoolEntry entry)
    {
        var index = IndexOf(entry.Nonce);
        if (index >= 0)
        {
            var replaced = _entries[index];
            _entries[index] = entry;
            Bytes += entry.AccountedBytes - replaced.AccountedBytes;
            if (index >= ExecutableCount)
            {
                QueuedBytes += entry.AccountedBytes - replaced.AccountedBytes;
            }

            return replaced;
        }

        index = ~index;
        _entries.Insert(index, entry);
        Bytes += entry.AccountedBytes;
        if (index == ExecutableCount && entry.Nonce == BaseNonce + (ulong)index)
        {
            ExtendRun();
        }
        else
        {
            QueuedBytes += entry.AccountedBytes;
        }

        return null;
    }

    /// <summary>Removes the entry at <paramref name="index"/>; everything after it that was executable becomes queued.</summary>
    public PoolEntry RemoveAt(int index)
    {
        var entry = _entries[index];
        _entries.RemoveAt(index);
        Bytes -= entry.AccountedBytes;
        if (index < ExecutableCount)
        {
            ExecutableCount = index;
            RecountQueuedBytes();
        }
        else
        {
            QueuedBytes -= entry.AccountedBytes;
        }

        return entry;
    }

    /// <summary>
    /// Learns that the committed nonce is now <paramref name="nonce"/>: removes every entry below it (reporting each
    /// to <paramref name="removed"/>) and recounts the executable run from there. A lower nonce than known changes nothing.
    /// </summary>
    public void AdvanceBase(ulong nonce, Action<PoolEntry> removed)
    {
        if (nonce <= BaseNonce && (_entries.Count == 0 || _entries[0].Nonce >= BaseNonce))
        {
            return;
        }

        BaseNonce = Math.Max(BaseNonce, nonce);
        var index = IndexOf(BaseNonce);
        var count = index >= 0 ? index : ~index;
        for (var i = 0; i < count; i++)
        {
            removed(_entries[i]);
            Bytes -= _entries[i].AccountedBytes;
        }

        _entries.RemoveRange(0, count);
        ExecutableCount = 0;
        ExtendRun();
    }

    /// <summary>The sender's next nonce counting entries that follow <paramref name="committedNonce"/> without a gap.</summary>
    public ulong NextNonce(ulong committedNonce)
    {
        var index = IndexOf(committedNonce);
        if (index < 0)
        {
            return committedNonce;
        }

        var next = committedNonce;
        while (index < _entries.Count && _entries[index].Nonce == next)
        {
            index++;
            next++;
        }

        return next;
    }

    private void ExtendRun()
    {
        while (ExecutableCount < _entries.Count && _entries[ExecutableCount].Nonce == BaseNonce + (ulong)ExecutableCount)
        {
            ExecutableCount++;
        }

        RecountQueuedBytes();
    }

    private void RecountQueuedBytes()
    {
        long queued = 0;
        for (var i = ExecutableCount; i < _entries.Count; i++)
        {
            queued += _entries[i].AccountedBytes;
        }

        QueuedBytes = queued;
    }
}
