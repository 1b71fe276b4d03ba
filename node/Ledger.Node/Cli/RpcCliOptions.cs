using System.CommandLine;
using System.CommandLine.Parsing;
using Ledger.JsonRpc;

namespace Ledger.Node.Cli;

/// <summary>
/// The JSON-RPC limit flags shared by <c>ledger dev</c> and <c>ledger run</c>. Each overrides the matching
/// <see cref="JsonRpcOptions"/> property (for <c>run</c>, also the <c>jsonRpc</c> section of the config file);
/// a flag not given leaves the value as it was.
/// </summary>
internal sealed class RpcCliOptions
{
    private readonly Option<int?> _maxBodyBytes = Positive("--rpc-max-body-bytes", "Largest JSON-RPC request body (and WebSocket message) in bytes; larger gets HTTP 413. Default 5242880.");
    private readonly Option<int?> _maxBatchSize = Positive("--rpc-max-batch-size", "Most requests in one JSON-RPC batch; larger is refused with -32600. Default 1000.");
    private readonly Option<int?> _rateLimit = NonNegative("--rpc-rate-limit", "Requests per second per client (HTTP: remote address, WebSocket: connection); 0 = unlimited (default).");
    private readonly Option<int?> _maxWebSockets = Positive("--rpc-max-ws-connections", "Most open WebSocket connections; more get HTTP 503. Default 1000.");
    private readonly Option<int?> _maxResponseBytes = Bounded(
        "--rpc-max-response-bytes", "Largest JSON-RPC response (one result, or a whole batch); a call past it gets -32005. Default 10485760.", JsonRpcOptions.MinResponseBytes, $"must be at least {JsonRpcOptions.MinResponseBytes}");
    private readonly Option<int?> _maxFilterAddresses = Positive("--rpc-max-filter-addresses", "Most addresses in one log filter or logs subscription; more is -32602. Default 1000.");
    private readonly Option<int?> _maxFilterTopics = Positive("--rpc-max-filter-topics", "Most topics in one position of a log filter or logs subscription; more is -32602. Default 100.");
    private readonly Option<int?> _notificationBacklog = Positive("--rpc-notification-backlog", "Chain events queued for subscription notifications; past it lagging subscribers are closed. Default 10000.");
    private readonly Option<int?> _notificationBacklogBytes = Positive("--rpc-notification-backlog-bytes", "Bytes of chain events queued for subscription notifications. Default 67108864.");
    private readonly Option<int?> _maxTxPoolResults = Positive("--rpc-max-txpool-results", "Most transactions one txpool_content/txpool_inspect/eth_pendingTransactions returns (also the largest page). Default 1000.");
    private readonly Option<int?> _filterQueueBytes = Positive("--rpc-filter-queue-bytes", "Bytes of recent pool transactions kept for pending-transaction filters between polls. Default 33554432.");
    private readonly Option<string[]> _corsOrigins = new("--rpc-cors-origins")
    {
        Description = "Origins browsers may call from (CORS), comma-separated or repeated; '*' for any. Default none (CORS off).",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string[]> _apis = new("--rpc-api")
    {
        Description = "JSON-RPC namespaces served, comma-separated or repeated (eth, net, web3, txpool, ledger, qbft); the others do not exist on this node. Default: all.",
        AllowMultipleArgumentsPerToken = true,
    };

    public IEnumerable<Option> All =>
    [
        _apis,
        _maxBodyBytes, _maxBatchSize, _rateLimit, _maxWebSockets, _maxResponseBytes, _maxFilterAddresses, _maxFilterTopics,
        _notificationBacklog, _notificationBacklogBytes, _maxTxPoolResults, _filterQueueBytes, _corsOrigins,
    ];

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary><paramref name="options"/> with every flag given on the command line applied.</summary>
    public JsonRpcOptions Apply(ParseResult parse, JsonRpcOptions options)
    {
        var cors = parse.GetValue(_corsOrigins);
        var apis = parse.GetValue(_apis);
        return options with
        {
            MaxRequestBodyBytes = parse.GetValue(_maxBodyBytes) ?? options.MaxRequestBodyBytes,
            MaxBatchSize = parse.GetValue(_maxBatchSize) ?? options.MaxBatchSize,
            RateLimitPerSecond = parse.GetValue(_rateLimit) ?? options.RateLimitPerSecond,
            MaxWebSocketConnections = parse.GetValue(_maxWebSockets) ?? options.MaxWebSocketConnections,
            MaxResponseBytes = parse.GetValue(_maxResponseBytes) ?? options.MaxResponseBytes,
            MaxFilterAddresses = parse.GetValue(_maxFilterAddresses) ?? options.MaxFilterAddresses,
            MaxFilterTopics = parse.GetValue(_maxFilterTopics) ?? options.MaxFilterTopics,
            MaxNotificationBacklog = parse.GetValue(_notificationBacklog) ?? options.MaxNotificationBacklog,
            MaxNotificationBacklogBytes = parse.GetValue(_notificationBacklogBytes) ?? options.MaxNotificationBacklogBytes,
            MaxTxPoolResults = parse.GetValue(_maxTxPoolResults) ?? options.MaxTxPoolResults,
            MaxFilterQueueBytes = parse.GetValue(_filterQueueBytes) ?? options.MaxFilterQueueBytes,
            Apis = apis is { Length: > 0 }
                ? [.. apis.SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
                : options.Apis,
            CorsOrigins = cors is { Length: > 0 }
                ? [.. cors.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
                : options.CorsOrigins,
        };
    }

    private static Option<int?> Positive(string name, string description) => Bounded(name, description, 1, "must be positive");

    private static Option<int?> NonNegative(string name, string description) => Bounded(name, description, 0, "must not be negative");

    private static Option<int?> Bounded(string name, string description, int minimum, string problem)
    {
        var option = new Option<int?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            // Read the token, not the value: a token that is not a number already has its own parse error.
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, out var value) && value < minimum)
            {
                result.AddError($"{name} {problem}");
            }
        });
        return option;
    }
}
