namespace Ledger.JsonRpc.Subscriptions;

/// <summary>One eth_subscribe of one connection.</summary>
public sealed class Subscription(string id, SubscriptionKind kind, RpcConnection connection, LogCriteria? criteria, bool fullTransactions)
{
    public string Id { get; } = id;

    public SubscriptionKind Kind { get; } = kind;

    public RpcConnection Connection { get; } = connection;

    /// <summary>Address and topic criteria of a logs subscription; null for other kinds.</summary>
    public LogCriteria? Criteria { get; } = criteria;

    /// <summary>newPendingTransactions with fullTx = true sends transaction objects instead of hashes.</summary>
    public bool FullTransactions { get; } = fullTransactions;

    /// <summary>
    /// False until the eth_subscribe response is queued: a client must learn the id before the first
    /// notification carrying it, and both travel through the same queue.
    /// </summary>
    public bool Active => Volatile.Read(ref _active);

    private bool _active;

    public void Activate() => Volatile.Write(ref _active, true);
}
