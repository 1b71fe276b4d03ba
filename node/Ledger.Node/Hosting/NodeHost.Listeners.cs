using System.Net;
using Ledger.Network.Transport;
using Ledger.Node.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ledger.Node.Hosting;

public static partial class NodeHost
{
    /// <summary>
    /// Binds the listeners: JSON-RPC (HTTP/1.1, optional TLS) on rpcHost:rpcPort; the gRPC port (HTTP/2, peer TLS) on
    /// grpcHost; and, when apiPort is set, a separate gRPC client API listener (HTTP/2, optional TLS) on apiHost.
    /// </summary>
    private static void ConfigureListeners(KestrelServerOptions kestrel, NodeOptions options, Listeners into)
    {
        var logger = kestrel.ApplicationServices.GetService<ILoggerFactory>()?.CreateLogger("Ledger.Node.Tls");
        kestrel.AddServerHeader = false;
        kestrel.Listen(IPAddress.Parse(options.RpcHost), options.RpcPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            if (options.RpcTls is { } tls)
            {
                into.Reloaders.Add(ServerTls.Configure(listen, tls, logger));
            }

            into.Rpc = listen;
        });
        kestrel.Listen(IPAddress.Parse(options.EffectiveGrpcHost), options.GrpcPort, listen =>
        {
            if (options.PeerTls is { } tls)
            {
                // Same listener code and certificate checks as Ledger.Network's own PeerServer: one place validates.
                into.Reloaders.Add(PeerTls.ConfigureListener(listen, tls.ToPeerTlsOptions(), logger));
            }
            else
            {
                listen.Protocols = HttpProtocols.Http2; // gRPC without TLS needs prior-knowledge HTTP/2
            }

            into.Grpc = listen;
        });
        if (options.ApiPort is { } apiPort)
        {
            kestrel.Listen(IPAddress.Parse(options.ApiHost ?? options.RpcHost), apiPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (options.ApiTls is { } tls)
                {
                    into.Reloaders.Add(ServerTls.Configure(listen, tls, logger));
                }

                into.Api = listen;
            });
        }
    }

    /// <summary>
    /// Each listener serves only its own surface: JSON-RPC, /health and /metrics on the RPC port; gRPC on the gRPC port
    /// (peer service and health, plus the client API unless it has its own port). Without this a client could reach
    /// JSON-RPC over h2c on the peer port, which may face the consortium network while rpcHost is loopback.
    /// </summary>
    private static void UseListenerRouting(WebApplication app, Listeners listeners)
    {
        app.Use((context, next) =>
        {
            var port = context.Connection.LocalPort;
            var path = context.Request.Path.Value ?? "";
            var allowed = port == listeners.RpcPort ? !IsGrpcPath(path)
                : port == listeners.ApiPort ? IsApiPath(path) || IsHealthPath(path)
                : port == listeners.GrpcPort ? IsPeerPath(path) || IsHealthPath(path) || (listeners.Api is null && IsApiPath(path))
                : false;
            if (!allowed)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
    }

    private static bool IsPeerPath(string path) => path.StartsWith("/ledger.peer.", StringComparison.Ordinal);

    private static bool IsApiPath(string path) =>
        path.StartsWith("/ledger.v1.", StringComparison.Ordinal) || path.StartsWith("/grpc.reflection.", StringComparison.Ordinal);

    private static bool IsHealthPath(string path) => path.StartsWith("/grpc.health.", StringComparison.Ordinal);

    private static bool IsGrpcPath(string path) => IsPeerPath(path) || IsApiPath(path) || IsHealthPath(path);

    /// <summary>The bound listeners (known once Kestrel started) and the certificate watchers to stop with them.</summary>
    private sealed class Listeners
    {
        public ListenOptions? Rpc { get; set; }

        public ListenOptions? Grpc { get; set; }

        public ListenOptions? Api { get; set; }

        public List<IDisposable> Reloaders { get; } = [];

        public int RpcPort => Port(Rpc);

        public int GrpcPort => Port(Grpc);

        public int ApiPort => Api is null ? -1 : Port(Api);

        private static int Port(ListenOptions? listen) => listen is null ? -1 : ((IPEndPoint)listen.EndPoint).Port;
    }
}
