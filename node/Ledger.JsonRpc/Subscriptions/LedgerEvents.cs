using Ledger.Core.Chain;
using Ledger.Core.Transactions;

namespace Ledger.JsonRpc.Subscriptions;

/// <summary>
/// What filters and subscriptions follow: committed blocks and admitted transactions. The node publishes from
/// its commit path (after the block is durable) and its admission path, so handlers must be quick: they only
/// enqueue. A failing handler is reported through <see cref="HandlerFailed"/> and never reaches the publisher,
/// so a bug in a subscription cannot fail a commit or an admission that already happened.
/// </summary>
public sealed class LedgerEvents
{
    public event Action<Block, IReadOnlyList<Receipt>>? BlockCommitted;

    public event Action<SignedTransaction>? TransactionPending;

    /// <summary>A handler threw; the other handlers still ran.</summary>
    public event Action<Exception>? HandlerFailed;

    public void PublishBlock(Block block, IReadOnlyList<Receipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(receipts);
        if (BlockCommitted is not { } handlers)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((Action<Block, IReadOnlyList<Receipt>>)handler)(block, receipts);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                HandlerFailed?.Invoke(e);
            }
        }
    }

    public void PublishPending(SignedTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (TransactionPending is not { } handlers)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((Action<SignedTransaction>)handler)(transaction);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                HandlerFailed?.Invoke(e);
            }
        }
    }
}
