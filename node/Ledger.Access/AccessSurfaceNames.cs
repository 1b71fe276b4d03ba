namespace Ledger.Access;

/// <summary>Stable lower-case names of <see cref="AccessSurface"/> values (metric labels, audit records).</summary>
public static class AccessSurfaceNames
{
    public static string Of(AccessSurface surface) => surface switch
    {
        AccessSurface.JsonRpcHttp => "jsonrpc-http",
        AccessSurface.JsonRpcWebSocket => "jsonrpc-ws",
        AccessSurface.Grpc => "grpc",
        AccessSurface.Metrics => "metrics",
        AccessSurface.Console => "console",
        _ => "unknown",
    };
}
