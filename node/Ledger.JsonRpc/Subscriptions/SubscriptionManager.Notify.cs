using Ledger.Core.Chain;
using Ledger.Core.Transactions;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Subscriptions;

/// <summary>Matching and sending, on the dispatcher only: each result is serialized once per event, framed per subscriber.</summary>
public sealed partial class SubscriptionManager
{
    private void NotifyBlock(Block block, IReadOnlyList<Receipt> receipts)
    {
        byte[]? head = null;
        byte[]?[]? logJson = null;
        foreach (var (_, subscription) in _blockSubscriptions)
        {
            if (!subscription.Active)
            {
                continue;
            }

            if (subscription.Kind == SubscriptionKind.NewHeads)
            {
                head ??= Notification.Serialize(block, BlockJson.WriteHeader);
                subscription.Connection.TrySend(Notification.Frame(subscription.Id, head));
            }
            else if (subscription.Kind == SubscriptionKind.Logs && subscription.Criteria!.MayMatch(block.Header.LogsBloom))
            {
                SendLogs(subscription, block, receipts, ref logJson);
            }
        }
    }

    /// <summary>One notification per matching log, in chain order, as geth sends them.</summary>
    private static void SendLogs(Subscription subscription, Block block, IReadOnlyList<Receipt> receipts, ref byte[]?[]? logJson)
    {
        var criteria = subscription.Criteria!;
        var logIndex = 0;
        for (var t = 0; t < receipts.Count; t++)
        {
            var logs = receipts[t].Logs;
            for (var i = 0; i < logs.Count; i++, logIndex++)
            {
                if (!criteria.Matches(logs[i]))
                {
                    continue;
                }

                logJson ??= new byte[]?[CountLogs(receipts)];
                var json = logJson[logIndex] ??= Notification.Serialize(
                    (Log: logs[i], Block: block, Tx: t, Index: logIndex),
                    static (w, s) => LogJson.Write(w, s.Log, s.Block.Header.Number, s.Block.Header.Hash, s.Block.Transactions[s.Tx].Hash, s.Tx, s.Index));
                if (!subscription.Connection.TrySend(Notification.Frame(subscription.Id, json)))
                {
                    return;
                }
            }
        }
    }

    private static int CountLogs(IReadOnlyList<Receipt> receipts)
    {
        var count = 0;
        for (var t = 0; t < receipts.Count; t++)
        {
            count += receipts[t].Logs.Count;
        }

        return count;
    }

    private void NotifyPending(SignedTransaction transaction)
    {
        byte[]? hash = null;
        byte[]? full = null;
        foreach (var (_, subscription) in _pendingSubscriptions)
        {
            if (!subscription.Active)
            {
                continue;
            }

            var json = subscription.FullTransactions
                ? full ??= Notification.Serialize(transaction, static (w, tx) => TransactionJson.Write(w, tx, null, 0))
                : hash ??= Notification.Serialize(transaction.Hash, static (w, h) => w.WriteHashValue(h));
            subscription.Connection.TrySend(Notification.Frame(subscription.Id, json));
        }
    }
}
