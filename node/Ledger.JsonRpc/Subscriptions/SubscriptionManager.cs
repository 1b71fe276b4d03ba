using System.Collections.Concurrent;
using Ledger.Core.Chain;
using Ledger.Core.Transactions;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Subscriptions;

/// <summary>
/// Every live eth_subscribe of an endpoint, fed by <see cref="LedgerEvents"/>. Runs on the node's commit and
/// admission paths, so it only serializes (once per event, not per subscriber) and queues without blocking;
/// a connection whose queue is full drops itself rather than slowing this path.
/// </summary>
public sealed class SubscriptionManager
{
    private readonly ConcurrentDictionary<string, Subscription> _subscriptions = new(StringComparer.OrdinalIgnoreCase);
    private readonly JsonRpcOptions _options;

    public SubscriptionManager(LedgerEvents events, JsonRpcOptions options)
    {
        ArgumentNullException.ThrowIfNull(events);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        events.BlockCommitted += OnBlock;
        events.TransactionPending += OnPending;
    }

    public int Count => _subscriptions.Count;

    /// <summary>Adds an inactive subscription for <paramref name="connection"/>; -32005 past the per-connection limit.</summary>
    public string Subscribe(RpcConnection connection, SubscriptionKind kind, LogCriteria? criteria, bool fullTransactions)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.SubscriptionCount >= _options.MaxSubscriptionsPerConnection)
        {
            throw new JsonRpcException(JsonRpcErrorCode.LimitExceeded, $"too many subscriptions on this connection (limit {_options.MaxSubscriptionsPerConnection})");
        }

        var subscription = new Subscription(FilterManager.NewId(), kind, connection, criteria, fullTransactions);
        connection.Add(subscription);
        _subscriptions[subscription.Id] = subscription;
        return subscription.Id;
    }

    /// <summary>Removes a subscription of <paramref name="connection"/>; false if it has no such subscription.</summary>
    public bool Unsubscribe(RpcConnection connection, string id)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!connection.Remove(id))
        {
            return false;
        }

        _subscriptions.TryRemove(id, out _);
        return true;
    }

    /// <summary>Drops every subscription of a closed connection.</summary>
    public void RemoveAll(RpcConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        foreach (var subscription in connection.TakeAll())
        {
            _subscriptions.TryRemove(subscription.Id, out _);
        }
    }

    private void OnBlock(Block block, IReadOnlyList<Receipt> receipts)
    {
        if (_subscriptions.IsEmpty)
        {
            return;
        }

        byte[]? head = null;
        byte[]?[]? logJson = null;
        foreach (var (_, subscription) in _subscriptions)
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
            else if (subscription.Kind == SubscriptionKind.Logs)
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

    private void OnPending(SignedTransaction transaction)
    {
        if (_subscriptions.IsEmpty)
        {
            return;
        }

        byte[]? hash = null;
        byte[]? full = null;
        foreach (var (_, subscription) in _subscriptions)
        {
            if (!subscription.Active || subscription.Kind != SubscriptionKind.NewPendingTransactions)
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
