using Ledger.Access;
using Ledger.Access.Http;
using Ledger.JsonRpc.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ledger.JsonRpc.WebSockets;

/// <summary>GET "/": upgrades to a WebSocket JSON-RPC session, counting open sessions against the limit.</summary>
internal sealed class WebSocketEndpoint(
    JsonRpcProcessor processor, SubscriptionManager subscriptions, JsonRpcOptions options, ILogger logger, TimeProvider time, AccessGate? gate)
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

        // Authenticated at the upgrade, before a connection slot is taken; each message is authorized later.
        RpcCaller? caller = null;
        if (gate is not null)
        {
            var auth = await AuthenticateAsync(gate, context).ConfigureAwait(false);
            if (!auth.Succeeded)
            {
                await JsonRpcEndpoints.RefuseUnauthenticatedAsync(context, auth.Failure).ConfigureAwait(false);
                return;
            }

            caller = JsonRpcEndpoints.CallerOf(gate, auth.Principal, AccessSurface.JsonRpcWebSocket, context);
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
            var session = new WebSocketSession(socket, processor, subscriptions, options, logger, time, caller);
            await session.RunAsync(context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    /// <summary>
    /// The Authorization header, or — because browsers cannot set headers on a WebSocket — an <c>access_token</c> query
    /// parameter (RFC 6750 §2.3), accepted on the upgrade only. The node never logs request URLs.
    /// </summary>
    private static ValueTask<AuthenticationResult> AuthenticateAsync(AccessGate gate, HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count == 0 && context.Request.Query.TryGetValue("access_token", out var token) && token.Count == 1)
        {
            var certificate = gate.AcceptsClientCertificates ? context.Connection.ClientCertificate : null;
            return gate.AuthenticateAsync(AccessSurface.JsonRpcWebSocket, "Bearer " + token[0], certificate, context.RequestAborted);
        }

        return gate.AuthenticateAsync(context, AccessSurface.JsonRpcWebSocket);
    }
}
