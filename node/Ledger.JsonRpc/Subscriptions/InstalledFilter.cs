using Ledger.JsonRpc.Parameters;

namespace Ledger.JsonRpc.Subscriptions;

/// <summary>
/// One eth_newFilter / eth_newBlockFilter / eth_newPendingTransactionFilter. It holds no data between polls:
/// block and log filters remember the next block to report and read the chain on each poll; a pending-transaction
/// filter remembers how far it has read the endpoint's shared <see cref="PendingLog"/>.
/// </summary>
public sealed class InstalledFilter
{
    public InstalledFilter(FilterKind kind, ulong nextBlock, LogFilterRequest? request = null, bool fullTransactions = false)
    {
        Kind = kind;
        NextBlock = nextBlock;
        Request = request;
        FullTransactions = fullTransactions;
    }

    public FilterKind Kind { get; }

    /// <summary>The criteria of a log filter as sent (tags resolve at each poll); null for other kinds.</summary>
    public LogFilterRequest? Request { get; }

    /// <summary>Pending-transaction filters created with fullTx = true report transaction objects, not hashes.</summary>
    public bool FullTransactions { get; }

    /// <summary>The first block the next eth_getFilterChanges reports. Guarded by <see cref="Lock"/>.</summary>
    public ulong NextBlock { get; set; }

    /// <summary>The next pending-log sequence number this filter reports. Guarded by <see cref="Lock"/>.</summary>
    internal long PendingCursor;

    /// <summary>Serializes polls of this filter, so two concurrent polls never report the same block twice.</summary>
    public Lock Lock { get; } = new();

    /// <summary>When the filter was installed or last polled (TimeProvider timestamp): expiry counts from here.</summary>
    public long LastUsed { get; set; }
}
