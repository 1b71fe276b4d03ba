using Ledger.JsonRpc.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ledger.JsonRpc.WebSockets;

/// <summary>GET "/": upgrades to a WebSocket JSON-RPC session, counting open sessions against the limit.</summary>
internal sealed class WebSocketEndpoint(JsonRpcProcessor processor, SubscriptionManager subscriptions, JsonRpcOptions options, ILogger logger, TimeProvider time)
{
    private int _open;

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "POST";
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("JSON-RPC: send a POST request, or open a WebSocket on this URL\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (Interlocked.Increment(ref _open) > options.MaxWebSocketConnections)
        {
            Interlocked.Decrement(ref _open);
            WebSocketLog.TooManyConnections(logger, options.MaxWebSocketConnections);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            var session = new WebSocketSession(socket, processor, subscriptions, options, logger, time);
            await session.RunAsync(context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}
