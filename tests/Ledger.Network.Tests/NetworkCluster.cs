using Ledger.Network;

namespace Ledger.Network.Tests;

/// <summary>n validators (dev accounts 10..) fully meshed over loopback: servers first, then the endpoints, then dialling.</summary>
internal sealed class NetworkCluster : IAsyncDisposable
{
    private NetworkCluster(IReadOnlyList<NetworkNode> nodes)
    {
        Nodes = nodes;
    }

    public IReadOnlyList<NetworkNode> Nodes { get; }

    public PeerNetwork this[int index] => Nodes[index].Network;

    public static async Task<NetworkCluster> StartAsync(int count, Func<PeerNetworkOptions, PeerNetworkOptions>? configure = null)
    {
        var nodes = new List<NetworkNode>();
        for (var i = 0; i < count; i++)
        {
            var options = TestKeys.Options(TestKeys.Validators[i]);
            nodes.Add(await NetworkNode.StartAsync(configure is null ? options : configure(options)));
        }

        foreach (var node in nodes)
        {
            node.Network.UpdatePeers(TestKeys.ValidatorAddresses, [.. nodes.Where(n => n != node).Select(n => n.Endpoint)]);
            node.Network.Start();
        }

        var cluster = new NetworkCluster(nodes);
        await Eventually.True(() => nodes.All(n => n.Network.ConnectedPeerCount == count - 1), $"all {count} nodes connected to each other");
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }
}
