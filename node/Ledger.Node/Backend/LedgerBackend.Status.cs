using Ledger.Core.Primitives;
using Ledger.Execution.Pool;
using Ledger.JsonRpc;

namespace Ledger.Node.Backend;

public sealed partial class LedgerBackend
{
    /// <summary>The chain first (a committed transaction is final), then the pool: pending, queued, or dropped with the reason.</summary>
    public TransactionStatusInfo GetTransactionStatus(Hash32 transactionHash)
    {
        if (FindTransaction(transactionHash) is { } location)
        {
            return new TransactionStatusInfo(TransactionStatusKind.Committed, location);
        }

        var status = _pool.GetStatus(transactionHash);
        return status.State switch
        {
            PoolTransactionState.Pending => TransactionStatusInfo.Pending,
            PoolTransactionState.Queued => new TransactionStatusInfo(TransactionStatusKind.Queued, WaitingForNonce: status.WaitingForNonce),
            // The pool may have dropped it as stale while a block holding it was committing: the chain has the last word.
            PoolTransactionState.Dropped => FindTransaction(transactionHash) is { } committed
                ? new TransactionStatusInfo(TransactionStatusKind.Committed, committed)
                : new TransactionStatusInfo(TransactionStatusKind.Dropped, null, null, ReasonName(status.Reason), status.Detail, status.ReplacedBy),
            _ => FindTransaction(transactionHash) is { } late
                ? new TransactionStatusInfo(TransactionStatusKind.Committed, late)
                : TransactionStatusInfo.Unknown,
        };
    }

    /// <summary>The wire name of a drop reason (also the label of ledger_pool_dropped_total).</summary>
    public static string ReasonName(PoolDropReason? reason) => reason switch
    {
        PoolDropReason.Replaced => "replaced",
        PoolDropReason.NonceUsed => "nonce-used",
        PoolDropReason.Expired => "expired",
        PoolDropReason.Evicted => "evicted",
        PoolDropReason.Invalid => "invalid",
        PoolDropReason.Revalidation => "revalidation",
        _ => "unknown",
    };
}
