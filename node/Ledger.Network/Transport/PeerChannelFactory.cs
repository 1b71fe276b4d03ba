using System.Net.Security;
using Grpc.Net.Client;

namespace Ledger.Network.Transport;

/// <summary>gRPC channels to peers: HTTP/2 keep-alive pings find dead connections, TLS when configured.</summary>
internal sealed class PeerChannelFactory : IDisposable
{
    private readonly int _maxMessageBytes;
    private readonly SslClientAuthenticationOptions? _ssl;
    private readonly IDisposable? _reloaders;

    public PeerChannelFactory(PeerNetworkOptions options)
    {
        _maxMessageBytes = options.MaxMessageBytes;
        _ssl = options.UseTls && options.Tls is { } tls ? PeerTls.ClientOptions(tls, out _reloaders) : null;
    }

    /// <summary>Stops following the certificate files.</summary>
    public void Dispose() => _reloaders?.Dispose();

    public GrpcChannel Create(Uri endpoint)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(15),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            EnableMultipleHttp2Connections = true,
        };
        if (_ssl is not null)
        {
            handler.SslOptions = _ssl;
        }

        return GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = _maxMessageBytes,
            MaxSendMessageSize = _maxMessageBytes,
        });
    }
}
