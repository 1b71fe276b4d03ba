using Microsoft.Extensions.Logging;

namespace Ledger.JsonRpc;

/// <summary>Source-generated log messages of the JSON-RPC layer (stable event ids 3000–3099).</summary>
internal static partial class JsonRpcLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Error, Message = "JSON-RPC method {Method} failed with an internal error")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "JSON-RPC request body of {Length} bytes refused: limit is {Limit} bytes")]
    public static partial void BodyTooLarge(ILogger logger, long length, int limit);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "A filter or subscription handler failed on a chain event")]
    public static partial void EventHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Subscription notifications fell behind (backlog limit {Events} events or {Bytes} bytes): closing {Connections} connections: {Reason}")]
    public static partial void NotificationsFellBehind(ILogger logger, int events, int bytes, int connections, string reason);
}
