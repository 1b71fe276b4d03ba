namespace Ledger.Execution.Pool;

public sealed partial class TransactionPool
{
    /// <summary>
    /// Drops queued transactions (behind a nonce gap) older than the queued lifetime; returns how many. The node calls
    /// it every few seconds; admission also calls it when the pool is full.
    /// </summary>
    public int DropExpired()
    {
        lock (_lock)
        {
            return DropExpiredLocked(NowMs());
        }
    }

    /// <summary>
    /// Makes room for <paramref name="entry"/> when the pool is at its count or byte limit, or says why it can't.
    /// Order: expired queued transactions; then queued ones (behind a gap: they cannot go into a block yet), taken
    /// from the tail of the sender with the most queued bytes; then, for an executable newcomer only, the tail of the
    /// sender holding the most bytes. Fairness: a sender never evicts a sender holding less than it would hold
    /// itself, so a flood converges to equal shares instead of pushing honest senders out. Victims are chosen before
    /// anything is dropped: a newcomer that can't be admitted evicts nobody.
    /// </summary>
    private string? MakeRoomLocked(PoolEntry entry, SenderQueue? own, ulong committed)
    {
        if (Fits(entry, 0, 0))
        {
            return null;
        }

        DropExpiredLocked(NowMs());
        if (Fits(entry, 0, 0))
        {
            return null;
        }

        var executable = entry.Nonce == (own?.NextNonce(committed) ?? committed);
        var plan = new EvictionPlan(own, entry.AccountedBytes);
        plan.ChooseQueued(this, entry, executable);
        if (executable)
        {
            plan.ChooseExecutable(this, entry);
        }

        if (!Fits(entry, plan.Victims.Count, plan.FreedBytes))
        {
            return $"pool is full: it holds {_byHash.Count} of {_options.Capacity} transactions and {Bytes} of {_options.MaxBytes} bytes, "
                + "and no sender holds more than this one would; retry after the next blocks";
        }

        foreach (var victim in plan.Victims)
        {
            DropLocked(victim, PoolDropReason.Evicted, "evicted: the pool was full and this sender held the largest share; send it again later");
        }

        return null;
    }

    private bool Fits(PoolEntry entry, int freedCount, long freedBytes) =>
        _byHash.Count - freedCount + 1 <= _options.Capacity && Bytes - freedBytes + entry.AccountedBytes <= _options.MaxBytes;

    private int DropExpiredLocked(long nowMs)
    {
        var lifetimeMs = (long)_options.QueuedLifetime.TotalMilliseconds;
        var expired = new List<PoolEntry>();
        foreach (var queue in _bySender.Values)
        {
            for (var i = queue.ExecutableCount; i < queue.Count; i++)
            {
                if (nowMs - queue[i].AdmittedAtMs > lifetimeMs)
                {
                    expired.Add(queue[i]);
                }
            }
        }

        foreach (var entry in expired)
        {
            var queue = _bySender[entry.Transaction.Sender];
            var missing = queue.BaseNonce + (ulong)queue.ExecutableCount;
            DropLocked(entry, PoolDropReason.Expired, $"expired: queued for more than {_options.QueuedLifetime.TotalMinutes:0.#} minutes waiting for nonce {missing}");
        }

        return expired.Count;
    }

    /// <summary>Removes one pooled entry for a reason and remembers it for status queries.</summary>
    private void DropLocked(PoolEntry entry, PoolDropReason reason, string detail)
    {
        var queue = _bySender[entry.Transaction.Sender];
        var index = queue.IndexOf(entry.Nonce);
        if (index < 0 || !ReferenceEquals(queue[index], entry))
        {
            return; // already gone
        }

        queue.RemoveAt(index);
        Forget(entry);
        RemoveIfEmpty(queue);
        _dropped.Record(entry.Transaction.Hash, reason, detail, NowMs());
    }

    /// <summary>Victims chosen greedily from the largest holder down, without touching the pool until the plan fits.</summary>
    private sealed class EvictionPlan(SenderQueue? own, long incomingBytes)
    {
        private readonly Dictionary<SenderQueue, (int Taken, long Freed)> _taken = [];

        public List<PoolEntry> Victims { get; } = [];

        public long FreedBytes { get; private set; }

        public void ChooseQueued(TransactionPool pool, PoolEntry entry, bool executable)
        {
            var ownQueued = own?.QueuedBytes ?? 0;
            var heap = new PriorityQueue<SenderQueue, long>();
            foreach (var queue in pool._bySender.Values)
            {
                if (queue.QueuedCount > 0 && (executable || (queue != own && queue.QueuedBytes > ownQueued + incomingBytes)))
                {
                    heap.Enqueue(queue, -queue.QueuedBytes);
                }
            }

            while (!pool.Fits(entry, Victims.Count, FreedBytes) && heap.TryDequeue(out var queue, out _))
            {
                var (taken, freed) = Take(queue);
                var left = queue.QueuedBytes - freed;
                if (taken < queue.QueuedCount && (executable || left > ownQueued + incomingBytes))
                {
                    heap.Enqueue(queue, -left);
                }
            }
        }

        public void ChooseExecutable(TransactionPool pool, PoolEntry entry)
        {
            var ownBytes = own?.Bytes ?? 0;
            var heap = new PriorityQueue<SenderQueue, long>();
            foreach (var queue in pool._bySender.Values)
            {
                var left = queue.Bytes - _taken.GetValueOrDefault(queue).Freed;
                if (queue != own && _taken.GetValueOrDefault(queue).Taken < queue.Count && left > ownBytes + incomingBytes)
                {
                    heap.Enqueue(queue, -left);
                }
            }

            while (!pool.Fits(entry, Victims.Count, FreedBytes) && heap.TryDequeue(out var queue, out _))
            {
                var (taken, freed) = Take(queue);
                var left = queue.Bytes - freed;
                if (taken < queue.Count && left > ownBytes + incomingBytes)
                {
                    heap.Enqueue(queue, -left);
                }
            }
        }

        /// <summary>Plans the removal of the queue's next tail entry (highest nonce first).</summary>
        private (int Taken, long Freed) Take(SenderQueue queue)
        {
            var (taken, freed) = _taken.GetValueOrDefault(queue);
            var victim = queue[queue.Count - 1 - taken];
            Victims.Add(victim);
            FreedBytes += victim.AccountedBytes;
            _taken[queue] = (taken + 1, freed + victim.AccountedBytes);
            return (taken + 1, freed + victim.AccountedBytes);
        }
    }
}
