using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Ledger.Network.Transport;
using Ledger.TestSupport;

namespace Ledger.Network.Tests;

/// <summary>Certificates follow their PEM files without a restart: new handshakes get the new one, a broken pair changes nothing.</summary>
public sealed class CertificateReloadTests
{
    [Fact]
    public void A_replaced_pair_is_loaded_and_a_half_written_one_is_ignored_until_it_matches()
    {
        using var ca = new ConsortiumCertificates("reload-ca");
        var (certificate, key) = ca.Issue("node");
        using var reloading = ReloadingCertificate.KeyPair(certificate, key, pollInterval: TimeSpan.FromHours(1));
        var first = reloading.Current.Thumbprint;
        Assert.False(reloading.CheckNow());

        var (nextCertificate, nextKey) = ca.Issue("node-next");
        File.Copy(nextCertificate, certificate, overwrite: true); // the certificate is new, the key is still the old one
        Assert.False(reloading.CheckNow());
        Assert.Equal(first, reloading.Current.Thumbprint);

        File.Copy(nextKey, key, overwrite: true);
        Assert.True(reloading.CheckNow());
        Assert.NotEqual(first, reloading.Current.Thumbprint);
        Assert.True(reloading.Current.HasPrivateKey);
    }

    [Fact]
    public async Task The_peer_listener_serves_a_rotated_certificate_to_new_connections_while_peers_stay_connected()
    {
        using var certificates = new ConsortiumCertificates("consortium-ca");
        var listenerTls = certificates.Node("listener") with { ReloadInterval = TimeSpan.FromMilliseconds(200) };
        var dialerTls = certificates.Node("dialer");
        await using var listener = await NetworkNode.StartAsync(TestKeys.Options(TestKeys.ByAddress[1]) with { UseTls = true, Tls = listenerTls });
        listener.Network.Start();
        await using var dialer = await NetworkNode.StartAsync(TestKeys.Options(TestKeys.ByAddress[0], [listener.Endpoint]) with { UseTls = true, Tls = dialerTls });
        dialer.Network.Start();
        await Eventually.True(() => dialer.Network.ConnectedPeerCount == 1, "connected over TLS");
        var before = await ServerThumbprintAsync(listener.Server.Endpoint, dialerTls);

        // Rotate as a secret manager would: write next to the files, then rename over them (key first, then certificate).
        var (next, nextKey) = certificates.Issue("listener-rotated");
        File.Move(nextKey, listenerTls.KeyPath, overwrite: true);
        File.Move(next, listenerTls.CertificatePath, overwrite: true);
        string after = before;
        await Eventually.True(() => (after = ServerThumbprintAsync(listener.Server.Endpoint, dialerTls).GetAwaiter().GetResult()) != before, "a new handshake sees the new certificate");

        using var expected = X509Certificate2.CreateFromPemFile(listenerTls.CertificatePath, listenerTls.KeyPath);
        Assert.Equal(expected.Thumbprint, after);
        Assert.Equal(1, dialer.Network.ConnectedPeerCount);
    }

    /// <summary>Opens a fresh TLS connection (with the dialer's client certificate, since the listener requires one) and returns the server's thumbprint.</summary>
    private static async Task<string> ServerThumbprintAsync(Uri endpoint, PeerTlsOptions client)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint.Host, endpoint.Port);
        await using var ssl = new SslStream(tcp.GetStream());
        using var certificate = X509Certificate2.CreateFromPemFile(client.CertificatePath, client.KeyPath);
        using var usable = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(client.TrustedCaPath!);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = endpoint.Host,
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            ClientCertificates = [usable],
            RemoteCertificateValidationCallback = (_, remote, _, errors) => PeerTls.IsTrusted(remote, errors, ca),
        });
        return new X509Certificate2(ssl.RemoteCertificate!).Thumbprint;
    }
}
