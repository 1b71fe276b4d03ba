using Ledger.Core.Primitives;

namespace Ledger.Execution.Pool;

public sealed partial class TransactionPool
{
    /// <summary>
    /// What the pool knows of <paramref name="hash"/>: pending (executable), queued (waiting for a missing nonce),
    /// dropped (with the reason), or unknown. A committed transaction is the chain's to report: ask it first.
    /// </summary>
    public PoolTransactionStatus GetStatus(Hash32 hash)
    {
        Address sender;
        lock (_lock)
        {
            if (!_byHash.TryGetValue(hash, out var entry))
            {
                return _dropped.Find(hash) ?? PoolTransactionStatus.Unknown;
            }

            sender = entry.Transaction.Sender;
        }

        // The nonce read may touch the disk: outside the lock, then checked against commits as admission does.
        var state = _latestState();
        var committed = state.GetNonce(sender);
        lock (_lock)
        {
            if (!_byHash.TryGetValue(hash, out var entry))
            {
                return _dropped.Find(hash) ?? PoolTransactionStatus.Unknown;
            }

            committed = FreshNonceLocked(sender, state, committed);
            var next = _bySender[sender].NextNonce(committed);
            return entry.Nonce < next || entry.Nonce < committed
                ? new PoolTransactionStatus(PoolTransactionState.Pending)
                : new PoolTransactionStatus(PoolTransactionState.Queued, WaitingForNonce: next);
        }
    }

    /// <summary>
    /// Drops one pooled transaction for <paramref name="reason"/> (e.g. block building found it invalid), remembering
    /// <paramref name="detail"/> for status queries. Later nonces of the same sender stay: they wait for the gap to be
    /// filled (a replacement) or expire.
    /// </summary>
    public bool Drop(Hash32 hash, PoolDropReason reason, string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        lock (_lock)
        {
            if (!_byHash.TryGetValue(hash, out var entry))
            {
                return false;
            }

            DropLocked(entry, reason, detail);
            return true;
        }
    }

    /// <summary>Transactions dropped for <paramref name="reason"/> since this pool was created (ledger_pool_dropped_total).</summary>
    public long DroppedCount(PoolDropReason reason)
    {
        lock (_lock)
        {
            return _dropped.CountOf(reason);
        }
    }

    /// <summary>
    /// Remembers that a transaction this pool never held was dropped (e.g. a saved one that failed revalidation on
    /// restart), so a client asking about it learns why.
    /// </summary>
    public void RecordDropped(Hash32 hash, PoolDropReason reason, string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        lock (_lock)
        {
            _dropped.Record(hash, reason, detail, NowMs());
        }
    }

    /// <summary>
    /// The raw bytes of every pooled transaction, each sender's in nonce order, senders in arrival order: what a
    /// node saves on graceful shutdown and re-admits (revalidated) at start.
    /// </summary>
    public IReadOnlyList<byte[]> ExportRaw()
    {
        var snapshot = Snapshot();
        var raws = new byte[snapshot.Count][];
        for (var i = 0; i < raws.Length; i++)
        {
            raws[i] = snapshot[i].Raw;
        }

        return raws;
    }

    /// <summary>Pooled transactions whose nonce is behind a gap (for metrics).</summary>
    public int QueuedCount
    {
        get
        {
            lock (_lock)
            {
                var queued = 0;
                foreach (var queue in _bySender.Values)
                {
                    queued += queue.QueuedCount;
                }

                return queued;
            }
        }
    }
}
