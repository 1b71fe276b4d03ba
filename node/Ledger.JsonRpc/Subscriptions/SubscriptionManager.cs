using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.JsonRpc.Subscriptions;

/// <summary>
/// Every live eth_subscribe of an endpoint, fed by <see cref="LedgerEvents"/>. The node publishes from its commit
/// and admission paths, so the handlers here only queue the event (bounded in count and bytes, never waiting);
/// matching, serializing and sending run on one background dispatcher. What a client subscribes to therefore
/// never costs the commit path anything but one enqueue, however many subscriptions or criteria it holds.
/// </summary>
public sealed partial class SubscriptionManager : IDisposable
{
    // newHeads and logs follow blocks, newPendingTransactions the pool: kept apart so each event walks only its own.
    private readonly ConcurrentDictionary<string, Subscription> _blockSubscriptions = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Subscription> _pendingSubscriptions = new(StringComparer.OrdinalIgnoreCase);
    private readonly LedgerEvents _events;
    private readonly JsonRpcOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<ChainEvent> _backlog = Channel.CreateUnbounded<ChainEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _dispatcher;

    // Blocks and pool transactions have separate shares of the backlog, so a flood of transactions can only make
    // pending-transaction subscribers fall behind, never block subscribers.
    private readonly BacklogBudget _blockBudget;
    private readonly BacklogBudget _pendingBudget;

    public SubscriptionManager(LedgerEvents events, JsonRpcOptions options, ILogger? logger = null)
    {
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? NullLogger.Instance;
        _blockBudget = new BacklogBudget(options.MaxNotificationBacklog, options.MaxNotificationBacklogBytes);
        _pendingBudget = new BacklogBudget(options.MaxNotificationBacklog, options.MaxNotificationBacklogBytes);
        _dispatcher = Task.Run(DispatchAsync);
        events.BlockCommitted += OnBlock;
        events.TransactionPending += OnPending;
    }

    public int Count => _blockSubscriptions.Count + _pendingSubscriptions.Count;

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
        (kind == SubscriptionKind.NewPendingTransactions ? _pendingSubscriptions : _blockSubscriptions)[subscription.Id] = subscription;
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

        Forget(id);
        return true;
    }

    /// <summary>Drops every subscription of a closed connection.</summary>
    public void RemoveAll(RpcConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        foreach (var subscription in connection.TakeAll())
        {
            Forget(subscription.Id);
        }
    }

    private void Forget(string id)
    {
        if (!_blockSubscriptions.TryRemove(id, out _))
        {
            _pendingSubscriptions.TryRemove(id, out _);
        }
    }

    /// <summary>Stops following the chain and lets the dispatcher finish what is queued.</summary>
    public void Dispose()
    {
        _events.BlockCommitted -= OnBlock;
        _events.TransactionPending -= OnPending;
        _backlog.Writer.TryComplete();
    }

    /// <summary>Completes when the dispatcher has stopped (after <see cref="Dispose"/>).</summary>
    public Task Completion => _dispatcher;
}
