using System.Net;
using Ledger.Network;
using Ledger.Network.Hosting;

namespace Ledger.Network.Tests;

/// <summary>A <see cref="PeerNetwork"/> served by a real Kestrel <see cref="PeerServer"/> on 127.0.0.1.</summary>
internal sealed class NetworkNode : IAsyncDisposable
{
    private bool _disposed;

    private NetworkNode(PeerNetwork network, PeerServer server)
    {
        Network = network;
        Server = server;
    }

    public PeerNetwork Network { get; }

    public PeerServer Server { get; }

    public PeerEndpoint Endpoint => new(Network.Self, Server.Endpoint);

    public static async Task<NetworkNode> StartAsync(PeerNetworkOptions options, int port = 0)
    {
        var network = new PeerNetwork(options);
        var server = await PeerServer.StartAsync(network, IPAddress.Loopback, port);
        return new NetworkNode(network, server);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Network.DisposeAsync();
        await Server.DisposeAsync();
    }
}
