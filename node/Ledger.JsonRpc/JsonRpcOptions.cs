namespace Ledger.JsonRpc;

/// <summary>Limits of the JSON-RPC endpoint. Each bounds the work or memory one request can cost the node.</summary>
public sealed record JsonRpcOptions
{
    /// <summary>Largest request body accepted; a larger one is answered with HTTP 413. Default 5 MiB.</summary>
    public int MaxRequestBodyBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>Most requests in one batch; a larger batch is refused whole with -32600. Default 1000.</summary>
    public int MaxBatchSize { get; init; } = 1000;

    /// <summary>Most blocks one eth_getLogs may scan (toBlock - fromBlock + 1); beyond it -32005. Default 10,000.</summary>
    public ulong MaxLogBlockRange { get; init; } = 10_000;

    /// <summary>Most logs one eth_getLogs may return; beyond it -32005. Default 10,000.</summary>
    public int MaxLogResults { get; init; } = 10_000;

    /// <summary>A polling filter not polled for this long is removed (geth: 5 minutes).</summary>
    public TimeSpan FilterTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Most installed polling filters on the node; eth_new*Filter beyond it gets -32005. Default 10,000.</summary>
    public int MaxFilters { get; init; } = 10_000;

    /// <summary>Most transactions a pending-transaction filter queues between polls (oldest dropped). Default 10,000.</summary>
    public int MaxFilterQueue { get; init; } = 10_000;

    /// <summary>Most open WebSocket connections; further upgrade requests get HTTP 503. Default 1,000.</summary>
    public int MaxWebSocketConnections { get; init; } = 1_000;

    /// <summary>Most subscriptions one WebSocket connection may hold; beyond it -32005. Default 100.</summary>
    public int MaxSubscriptionsPerConnection { get; init; } = 100;

    /// <summary>
    /// Messages (responses and notifications) queued for one WebSocket client. A client that lets the queue fill
    /// is disconnected, so a slow reader never holds up block commits or other clients. Default 4,096.
    /// </summary>
    public int WebSocketSendQueueLength { get; init; } = 4_096;

    /// <summary>Requests per second one client may send (HTTP: per remote address; WebSocket: per connection); 0 = unlimited (default).</summary>
    public int RateLimitPerSecond { get; init; }

    /// <summary>Origins allowed by CORS ("*" for any). Empty (the default) sends no CORS headers, so browsers refuse cross-origin calls.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>Throws if a limit is not positive, so a misconfigured node fails at start, not on first use.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxRequestBodyBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBatchSize);
        ArgumentOutOfRangeException.ThrowIfZero(MaxLogBlockRange);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLogResults);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FilterTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFilters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFilterQueue);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxWebSocketConnections);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSubscriptionsPerConnection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(WebSocketSendQueueLength);
        ArgumentOutOfRangeException.ThrowIfNegative(RateLimitPerSecond);
        ArgumentNullException.ThrowIfNull(CorsOrigins);
    }
}
