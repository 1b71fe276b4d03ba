namespace Ledger.Access;

/// <summary>A client-facing entry point of the node; the label used in metrics and the audit log.</summary>
public enum AccessSurface
{
    /// <summary>JSON-RPC over HTTP POST.</summary>
    JsonRpcHttp,

    /// <summary>JSON-RPC over a WebSocket (authenticated at the upgrade, authorized per message).</summary>
    JsonRpcWebSocket,

    /// <summary>The gRPC client API (<c>ledger.v1</c>, reflection).</summary>
    Grpc,

    /// <summary>Prometheus <c>/metrics</c> (when configured to require authentication).</summary>
    Metrics,

    /// <summary>A web console (cookie or bearer): reserved for the console, which uses the same gate.</summary>
    Console,
}
