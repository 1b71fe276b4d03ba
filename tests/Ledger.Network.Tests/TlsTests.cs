using Ledger.TestSupport;

namespace Ledger.Network.Tests;

public sealed class TlsTests
{
    [Fact]
    public async Task Nodes_with_certificates_from_the_consortium_CA_connect_over_mutual_TLS()
    {
        using var certificates = new ConsortiumCertificates("consortium-ca");
        var dialer = TestKeys.ByAddress[0];
        var listener = TestKeys.ByAddress[1];
        await using var listenerNode = await NetworkNode.StartAsync(
            TestKeys.Options(listener) with { UseTls = true, Tls = certificates.Node("listener") });
        listenerNode.Network.Start();
        Assert.Equal("https", listenerNode.Server.Endpoint.Scheme);
        await using var dialerNode = await NetworkNode.StartAsync(
            TestKeys.Options(dialer, [listenerNode.Endpoint]) with { UseTls = true, Tls = certificates.Node("dialer") });
        dialerNode.Network.Start();

        await Eventually.True(() => dialerNode.Network.ConnectedPeerCount == 1, "connected over TLS");
        dialerNode.Network.Broadcast(PeerNetworkTests.Prepare(TestKeys.Validators.ToList().IndexOf(dialer), height: 3));

        var received = await Inbox.Next(listenerNode.Network.ConsensusMessages);
        Assert.Equal(dialer.Address, received.From);
        Assert.Equal(3UL, received.Message.Height);
    }

    [Fact]
    public async Task A_listener_whose_certificate_comes_from_another_CA_is_not_trusted()
    {
        using var consortium = new ConsortiumCertificates("consortium-ca");
        using var rogue = new ConsortiumCertificates("rogue-ca");
        var dialer = TestKeys.ByAddress[0];
        var listener = TestKeys.ByAddress[1];
        await using var listenerNode = await NetworkNode.StartAsync(
            TestKeys.Options(listener) with { UseTls = true, Tls = rogue.Node("listener", trustedCaPath: consortium.CaPath) });
        listenerNode.Network.Start();
        await using var dialerNode = await NetworkNode.StartAsync(
            TestKeys.Options(dialer, [listenerNode.Endpoint]) with { UseTls = true, Tls = consortium.Node("dialer") });
        dialerNode.Network.Start();

        await Eventually.True(() => dialerNode.Network.PeerStatuses()[0].LastError is not null, "the TLS handshake failed");
        Assert.Contains("SSL", dialerNode.Network.PeerStatuses()[0].LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, dialerNode.Network.ConnectedPeerCount);
        Assert.Equal(0, listenerNode.Network.ConnectedPeerCount);
    }
}
