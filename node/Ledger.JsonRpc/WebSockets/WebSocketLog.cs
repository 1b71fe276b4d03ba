using Microsoft.Extensions.Logging;

namespace Ledger.JsonRpc.WebSockets;

/// <summary>Source-generated log messages of the WebSocket transport (event ids 3010–3019).</summary>
internal static partial class WebSocketLog
{
    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "WebSocket client dropped: it let {Queue} messages queue up unread")]
    public static partial void SlowClientDropped(ILogger logger, int queue);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "WebSocket connection refused: {Limit} connections are open")]
    public static partial void TooManyConnections(ILogger logger, int limit);
}
