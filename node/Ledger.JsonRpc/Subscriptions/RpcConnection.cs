namespace Ledger.JsonRpc.Subscriptions;

/// <summary>
/// A long-lived client connection (a WebSocket) as the subscription handlers see it: a way to send it a message
/// and the subscriptions it owns. Handlers have no connection argument (they also serve HTTP), so the transport
/// sets <see cref="Current"/> around each synchronous <see cref="JsonRpcProcessor.Process"/> call.
/// </summary>
public sealed class RpcConnection
{
    [ThreadStatic]
    private static RpcConnection? _current;

    private readonly Func<byte[], bool> _send;
    private readonly Action<string>? _close;
    private readonly List<Subscription> _subscriptions = [];
    private readonly Lock _lock = new();

    /// <param name="send">Queues a message without blocking; false when the connection is being dropped.</param>
    /// <param name="close">Ends the connection after what is already queued, telling the client why (without blocking).</param>
    public RpcConnection(Func<byte[], bool> send, Action<string>? close = null)
    {
        _send = send ?? throw new ArgumentNullException(nameof(send));
        _close = close;
    }

    /// <summary>The connection whose request this thread is processing, or null for HTTP.</summary>
    public static RpcConnection? Current => _current;

    public int SubscriptionCount
    {
        get
        {
            lock (_lock)
            {
                return _subscriptions.Count;
            }
        }
    }

    /// <summary>Makes this the current connection until the returned scope is disposed.</summary>
    public Scope Enter()
    {
        var previous = _current;
        _current = this;
        return new Scope(previous);
    }

    public bool TrySend(byte[] message) => _send(message);

    /// <summary>Asks the transport to close the connection with <paramref name="reason"/> (its subscriptions are already gone).</summary>
    public void Close(string reason) => _close?.Invoke(reason);

    /// <summary>Activates the subscriptions created by the request just answered (see <see cref="Subscription.Active"/>).</summary>
    public void ActivateAll()
    {
        lock (_lock)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Activate();
            }
        }
    }

    internal void Add(Subscription subscription)
    {
        lock (_lock)
        {
            _subscriptions.Add(subscription);
        }
    }

    internal bool Remove(string id)
    {
        lock (_lock)
        {
            var index = _subscriptions.FindIndex(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return false;
            }

            _subscriptions.RemoveAt(index);
            return true;
        }
    }

    internal Subscription[] TakeAll()
    {
        lock (_lock)
        {
            var all = _subscriptions.ToArray();
            _subscriptions.Clear();
            return all;
        }
    }

    public readonly struct Scope(RpcConnection? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }
}
