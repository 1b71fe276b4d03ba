using Ledger.Core.Transactions;
using Ledger.JsonRpc.Parameters;

namespace Ledger.JsonRpc.Subscriptions;

/// <summary>
/// One eth_newFilter / eth_newBlockFilter / eth_newPendingTransactionFilter. Block and log filters remember
/// the next block to report and read the chain on each poll, so they hold no data between polls; only the
/// pending-transaction filter queues (bounded: the oldest are dropped first, as a poll that late has lost them anyway).
/// </summary>
public sealed class InstalledFilter
{
    private readonly Queue<SignedTransaction> _pending = new();
    private readonly int _maxPending;

    public InstalledFilter(FilterKind kind, ulong nextBlock, LogFilterRequest? request = null, bool fullTransactions = false, int maxPending = 10_000)
    {
        Kind = kind;
        NextBlock = nextBlock;
        Request = request;
        FullTransactions = fullTransactions;
        _maxPending = maxPending;
    }

    public FilterKind Kind { get; }

    /// <summary>The criteria of a log filter as sent (tags resolve at each poll); null for other kinds.</summary>
    public LogFilterRequest? Request { get; }

    /// <summary>Pending-transaction filters created with fullTx = true report transaction objects, not hashes.</summary>
    public bool FullTransactions { get; }

    /// <summary>The first block the next eth_getFilterChanges reports. Guarded by <see cref="Lock"/>.</summary>
    public ulong NextBlock { get; set; }

    /// <summary>Serializes polls of this filter, so two concurrent polls never report the same block twice.</summary>
    public Lock Lock { get; } = new();

    /// <summary>When the filter was installed or last polled (TimeProvider timestamp): expiry counts from here.</summary>
    public long LastUsed { get; set; }

    public void AddPending(SignedTransaction transaction)
    {
        lock (Lock)
        {
            if (_pending.Count >= _maxPending)
            {
                _pending.Dequeue();
            }

            _pending.Enqueue(transaction);
        }
    }

    /// <summary>Everything queued since the last poll; the queue is emptied. Caller holds <see cref="Lock"/>.</summary>
    public SignedTransaction[] DrainPending()
    {
        var drained = _pending.ToArray();
        _pending.Clear();
        return drained;
    }
}
