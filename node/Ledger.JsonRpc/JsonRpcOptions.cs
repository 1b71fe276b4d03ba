namespace Ledger.JsonRpc;

/// <summary>Limits of the JSON-RPC endpoint. Each bounds the work or memory one request can cost the node.</summary>
public sealed record JsonRpcOptions
{
    /// <summary>The smallest <see cref="MaxResponseBytes"/> accepted.</summary>
    public const int MinResponseBytes = 1024;

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

    /// <summary>
    /// Most recent pool transactions kept for pending-transaction filters between polls (one log shared by all
    /// such filters; the oldest are dropped, so a filter polled later than that has lost them). Default 10,000.
    /// </summary>
    public int MaxFilterQueue { get; init; } = 10_000;

    /// <summary>Bytes of raw transactions that log may hold (see <see cref="MaxFilterQueue"/>). Default 32 MiB.</summary>
    public int MaxFilterQueueBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>Most open WebSocket connections; further upgrade requests get HTTP 503. Default 1,000.</summary>
    public int MaxWebSocketConnections { get; init; } = 1_000;

    /// <summary>Most subscriptions one WebSocket connection may hold; beyond it -32005. Default 100.</summary>
    public int MaxSubscriptionsPerConnection { get; init; } = 100;

    /// <summary>
    /// Messages (responses and notifications) queued for one WebSocket client. A client that lets the queue fill
    /// is disconnected, so a slow reader never holds up block commits or other clients. Default 4,096.
    /// </summary>
    public int WebSocketSendQueueLength { get; init; } = 4_096;

    /// <summary>
    /// Most addresses in one log filter (eth_getLogs, eth_newFilter, a logs subscription); more is -32602.
    /// Criteria are hash sets, so this bounds memory and the one-off bloom hashing per query, not matching time. Default 1,000.
    /// </summary>
    public int MaxFilterAddresses { get; init; } = 1_000;

    /// <summary>Most alternatives in one topic position of a log filter (there are at most 4 positions); more is -32602. Default 100.</summary>
    public int MaxFilterTopics { get; init; } = 100;

    /// <summary>
    /// Chain events waiting for the subscription dispatcher, counted apart for committed blocks and for admitted
    /// transactions (each kind has this much room). The node's commit and admission paths only queue; past this many
    /// (or <see cref="MaxNotificationBacklogBytes"/>) the event is not queued and the subscriptions that would have
    /// missed it are closed with a reason. Default 10,000.
    /// </summary>
    public int MaxNotificationBacklog { get; init; } = 10_000;

    /// <summary>Bytes of the blocks, and apart of the transactions, waiting for the dispatcher (see <see cref="MaxNotificationBacklog"/>). Default 64 MiB.</summary>
    public int MaxNotificationBacklogBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// Largest response: one call's result, or all the entries of a batch response together. Building stops as
    /// soon as it is crossed and the call gets -32005 instead. Default 10 MiB.
    /// </summary>
    public int MaxResponseBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>
    /// Most transactions one txpool_content, txpool_inspect or eth_pendingTransactions returns; a larger pool must
    /// be paged (<c>{"limit": N, "cursor": …}</c>), and this is also the largest page. One eth_getFilterChanges of a
    /// pending-transaction filter also reports at most this many (the rest at the next poll). Default 1,000.
    /// </summary>
    public int MaxTxPoolResults { get; init; } = 1_000;

    /// <summary>Requests per second one client may send (HTTP: per remote address; WebSocket: per connection); 0 = unlimited (default).</summary>
    public int RateLimitPerSecond { get; init; }

    /// <summary>Origins allowed by CORS ("*" for any). Empty (the default) sends no CORS headers, so browsers refuse cross-origin calls.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>The JSON-RPC namespaces (method prefixes before '_') the node serves.</summary>
    public static IReadOnlyList<string> KnownApis { get; } = ["eth", "net", "web3", "txpool", "ledger", "qbft"];

    /// <summary>
    /// Namespaces served (Besu's <c>--rpc-http-api</c>); the methods of the others do not exist on this node (-32601,
    /// saying the namespace is off). Null (the default) serves all of <see cref="KnownApis"/>.
    /// </summary>
    public IReadOnlyList<string>? Apis { get; init; }

    /// <summary>Throws if a limit is out of range, so a misconfigured node fails at start, not on first use.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxRequestBodyBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBatchSize);
        ArgumentOutOfRangeException.ThrowIfZero(MaxLogBlockRange);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLogResults);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FilterTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFilters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFilterQueue);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFilterQueueBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxWebSocketConnections);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSubscriptionsPerConnection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(WebSocketSendQueueLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFilterAddresses);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFilterTopics);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxNotificationBacklog);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxNotificationBacklogBytes);

        // An error response must still fit: below this a client could not even be told its response is too large.
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxResponseBytes, MinResponseBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxTxPoolResults);
        ArgumentOutOfRangeException.ThrowIfNegative(RateLimitPerSecond);
        ArgumentNullException.ThrowIfNull(CorsOrigins);
        if (Apis?.FirstOrDefault(a => !KnownApis.Contains(a, StringComparer.Ordinal)) is { } unknown)
        {
            throw new ArgumentException($"unknown JSON-RPC namespace '{unknown}' in apis (known: {string.Join(", ", KnownApis)})");
        }
    }

    /// <summary>True when <paramref name="method"/>'s namespace is served.</summary>
    public bool Serves(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (Apis is null)
        {
            return true;
        }

        var separator = method.IndexOf('_', StringComparison.Ordinal);
        return separator > 0 && Apis.Contains(method[..separator], StringComparer.Ordinal);
    }
}
