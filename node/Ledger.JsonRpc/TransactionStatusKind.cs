namespace Ledger.JsonRpc;

/// <summary>The states of <see cref="TransactionStatusInfo"/>.</summary>
public enum TransactionStatusKind
{
    /// <summary>Never seen by this node, or dropped so long ago that the record is gone (or lost in a crash: resend it).</summary>
    Unknown,

    /// <summary>In the pool and executable: it goes into one of the next blocks.</summary>
    Pending,

    /// <summary>In the pool behind a nonce gap: the missing nonce must arrive first.</summary>
    Queued,

    /// <summary>In a final block.</summary>
    Committed,

    /// <summary>Left the pool without being committed; the reason says why.</summary>
    Dropped,
}
