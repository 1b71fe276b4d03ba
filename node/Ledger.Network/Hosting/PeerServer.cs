using System.Net;
using Ledger.Network.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ledger.Network.Hosting;

/// <summary>
/// A Kestrel listener serving only the peer service: HTTP/2 without TLS (h2c) by default, TLS when the network's
/// options say so. For nodes that keep peers on their own port, and for tests. Port 0 picks a free port.
/// </summary>
public sealed class PeerServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IDisposable? _tls;

    private PeerServer(WebApplication app, Uri endpoint, IDisposable? tls)
    {
        _app = app;
        Endpoint = endpoint;
        _tls = tls;
    }

    /// <summary>The address peers dial, e.g. <c>http://127.0.0.1:50123</c>.</summary>
    public Uri Endpoint { get; }

    public int Port => Endpoint.Port;

    public static async Task<PeerServer> StartAsync(
        PeerNetwork network, IPAddress address, int port, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(PeerServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Logging.Services.AddSingleton(loggerFactory);
        }

        var options = network.Options;
        ListenOptions? listen = null;
        IDisposable? tls = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, port, l =>
            {
                listen = l;
                if (options.UseTls)
                {
                    tls = PeerTls.ConfigureListener(l, options.Tls!, loggerFactory?.CreateLogger<PeerServer>());
                }
                else
                {
                    l.Protocols = HttpProtocols.Http2; // gRPC without TLS needs prior-knowledge HTTP/2
                }
            });
        });
        builder.Services.AddLedgerPeerService(network);
        var app = builder.Build();
        app.MapLedgerPeerService();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = ((IPEndPoint)listen!.EndPoint).Port;
        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return new PeerServer(app, new Uri($"{(options.UseTls ? "https" : "http")}://{host}:{bound}"), tls);
    }

    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _tls?.Dispose();
    }
}
