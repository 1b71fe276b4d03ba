using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Ledger.JsonRpc.Subscriptions;
using Microsoft.Extensions.Logging;

namespace Ledger.JsonRpc.WebSockets;

/// <summary>
/// One WebSocket client: requests are read and answered in order; responses and notifications share one bounded
/// send queue drained by a single sender (a WebSocket allows one send at a time). When the queue is full the
/// client is not reading fast enough, and it is disconnected instead of making the node wait or buffer without end.
/// The node may also close a session on purpose (its notifications fell behind): what is queued is sent first,
/// then a close frame with the reason.
/// </summary>
internal sealed class WebSocketSession
{
    private const int ReceiveChunk = 16 * 1024;

    // RFC 6455 registry: "Try Again Later"; System.Net has no name for it.
    private const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    // How long a client has to answer our close frame before the session stops reading anyway.
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(10);

    private readonly WebSocket _socket;
    private readonly JsonRpcProcessor _processor;
    private readonly SubscriptionManager _subscriptions;
    private readonly JsonRpcOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<byte[]> _queue;
    private readonly RateLimiter _rate;
    private readonly CancellationTokenSource _stopReceiving = new();
    private readonly RpcCaller? _caller;
    private readonly TimeProvider _time;
    private int _dropped;
    private string? _closeReason;

    public WebSocketSession(
        WebSocket socket, JsonRpcProcessor processor, SubscriptionManager subscriptions, JsonRpcOptions options, ILogger logger, TimeProvider time, RpcCaller? caller = null)
    {
        _caller = caller;
        _time = time;
        _socket = socket;
        _processor = processor;
        _subscriptions = subscriptions;
        _options = options;
        _logger = logger;
        _rate = new RateLimiter(options.RateLimitPerSecond, time);
        _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.WebSocketSendQueueLength)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Connection = new RpcConnection(TrySend, CloseWith);
    }

    public RpcConnection Connection { get; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var sender = SendLoopAsync();
        using var expiry = ExpiryTimer();
        (WebSocketCloseStatus Status, string Reason)? close = null;
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopReceiving.Token);
        try
        {
            close = await ReceiveLoopAsync(receiving.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or was dropped: nothing to answer.
        }
        finally
        {
            _subscriptions.RemoveAll(Connection);
            _queue.Writer.TryComplete();
            await sender.ConfigureAwait(false);
            _stopReceiving.Dispose();
        }

        if (close is { } c && Volatile.Read(ref _dropped) == 0 && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await _socket.CloseOutputAsync(c.Status, c.Reason, CancellationToken.None).ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
                // Closing is a courtesy; the peer may already be gone.
            }
        }
    }

    /// <summary>Queues a message without waiting; false (and the client dropped) when its queue is full.</summary>
    private bool TrySend(byte[] message)
    {
        if (_queue.Writer.TryWrite(message))
        {
            return true;
        }

        if (Volatile.Read(ref _closeReason) is null)
        {
            Drop();
        }

        return false;
    }

    /// <summary>Ends the session once what is queued has been sent, with a close frame carrying <paramref name="reason"/>.</summary>
    private void CloseWith(string reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is null)
        {
            _queue.Writer.TryComplete();
        }
    }

    private void Drop()
    {
        if (Interlocked.Exchange(ref _dropped, 1) == 0)
        {
            WebSocketLog.SlowClientDropped(_logger, _options.WebSocketSendQueueLength);
            _queue.Writer.TryComplete();

            // Abort fails the pending receive and send at once, so both loops end without waiting on the client.
            _socket.Abort();
        }
    }

    private async Task<(WebSocketCloseStatus, string)?> ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var message = new ArrayBufferWriter<byte>(ReceiveChunk);
        var output = new ArrayBufferWriter<byte>(ReceiveChunk);
        while (_socket.State == WebSocketState.Open)
        {
            message.ResetWrittenCount();
            ValueWebSocketReceiveResult received;
            do
            {
                received = await _socket.ReceiveAsync(message.GetMemory(ReceiveChunk), cancellationToken).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return (WebSocketCloseStatus.NormalClosure, "");
                }

                message.Advance(received.Count);
                if (message.WrittenCount > _options.MaxRequestBodyBytes)
                {
                    return (WebSocketCloseStatus.MessageTooBig, $"message exceeds the limit of {_options.MaxRequestBodyBytes} bytes");
                }
            }
            while (!received.EndOfMessage);

            if (Expired)
            {
                return (WebSocketCloseStatus.PolicyViolation, ExpiredReason);
            }

            output.ResetWrittenCount();
            bool respond;
            if (!_rate.HasToken())
            {
                JsonRpcProcessor.WriteError(output, JsonRpcErrorCode.LimitExceeded, $"rate limit of {_options.RateLimitPerSecond} requests per second exceeded");
                respond = true;
            }
            else
            {
                using (Connection.Enter())
                {
                    respond = _processor.Process(new ReadOnlySequence<byte>(message.WrittenMemory), output, _rate, _caller);
                }
            }

            if (respond && !TrySend(output.WrittenSpan.ToArray()))
            {
                return null;
            }

            Connection.ActivateAll();
        }

        return null;
    }

    private const string ExpiredReason = "credentials expired: reconnect with a fresh token";

    // Timers cannot wait longer than about 49 days; a credential valid that long is checked per message only.
    private static readonly TimeSpan MaxTimer = TimeSpan.FromDays(30);

    private bool Expired => _caller?.Principal.ExpiresAt is { } expires && _time.GetUtcNow() >= expires;

    /// <summary>Closes the session when the caller's token or certificate expires, also while it only receives notifications.</summary>
    private ITimer? ExpiryTimer()
    {
        if (_caller?.Principal.ExpiresAt is not { } expires)
        {
            return null;
        }

        var due = expires - _time.GetUtcNow();
        return due > MaxTimer
            ? null
            : _time.CreateTimer(_ => CloseWith(ExpiredReason), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
            }

            if (Volatile.Read(ref _closeReason) is { } reason && Volatile.Read(ref _dropped) == 0 && _socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(TryAgainLater, reason, CancellationToken.None).ConfigureAwait(false);
                _stopReceiving.CancelAfter(CloseGrace);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A failed send means the client is gone: stop reading too.
            _socket.Abort();
        }
    }
}
