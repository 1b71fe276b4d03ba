using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace Ledger.Network.Transport;

/// <summary>Certificate loading and validation for both ends of a peer connection.</summary>
public static class PeerTls
{
    /// <summary>This node's certificate with its key, in a form SslStream can use as a server certificate on every OS.</summary>
    public static X509Certificate2 LoadCertificate(PeerTlsOptions tls)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(tls.CertificatePath, tls.KeyPath);
            // PEM keys are ephemeral; a PKCS#12 round trip makes the key usable by the TLS server on Windows too.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"cannot load the TLS certificate {tls.CertificatePath} with key {tls.KeyPath}: {ex.Message}", ex);
        }
    }

    public static X509Certificate2? LoadTrustedCa(PeerTlsOptions tls)
    {
        if (tls.TrustedCaPath is null)
        {
            return null;
        }

        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(tls.TrustedCaPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"cannot load the trusted CA certificate {tls.TrustedCaPath}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Kestrel HTTPS for the peer listener (HTTP/2 only), with a client certificate when mTLS is required. The
    /// certificate and the CA are reloaded when their files change (<see cref="ReloadingCertificate"/>); dispose the
    /// result when the listener stops.
    /// </summary>
    public static IDisposable ConfigureListener(ListenOptions listen, PeerTlsOptions tls, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(tls);
        var certificate = ReloadingCertificate.KeyPair(tls.CertificatePath, tls.KeyPath, logger, tls.ReloadInterval);
        var ca = tls.TrustedCaPath is null ? null : ReloadingCertificate.Authority(tls.TrustedCaPath, logger, tls.ReloadInterval);
        listen.Protocols = HttpProtocols.Http2;
        listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            // Asked at every handshake: a rotated certificate serves new connections at once.
            ServerCertificateSelector = (_, _) => certificate.Current,
            ClientCertificateMode = tls.RequireClientCertificate ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.NoCertificate,
            ClientCertificateValidation = (remote, _, errors) => IsTrusted(remote, errors, ca?.Current),
        });
        return new Reloaders(certificate, ca);
    }

    /// <summary>
    /// The TLS settings of a dialing node: validate the peer against the CA, present our certificate for mTLS; both
    /// follow their files (<paramref name="reloaders"/> stops that when disposed).
    /// </summary>
    public static SslClientAuthenticationOptions ClientOptions(PeerTlsOptions tls, out IDisposable reloaders, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var certificate = ReloadingCertificate.KeyPair(tls.CertificatePath, tls.KeyPath, logger, tls.ReloadInterval);
        var ca = tls.TrustedCaPath is null ? null : ReloadingCertificate.Authority(tls.TrustedCaPath, logger, tls.ReloadInterval);
        reloaders = new Reloaders(certificate, ca);
        return new SslClientAuthenticationOptions
        {
            ClientCertificates = [certificate.Current],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate.Current,
            RemoteCertificateValidationCallback = (_, remote, _, errors) => IsTrusted(remote, errors, ca?.Current),
        };
    }

    /// <summary>
    /// True when <paramref name="certificate"/> passed TLS validation and chains to <paramref name="ca"/> alone (when
    /// given); also used for client certificates of the client APIs against their client CA.
    /// </summary>
    public static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2? ca)
    {
        if (ca is null)
        {
            return errors == SslPolicyErrors.None;
        }

        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        // Only the consortium CA anchors the chain: a certificate from a public CA is not a consortium node.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    private sealed class Reloaders(ReloadingCertificate certificate, ReloadingCertificate? ca) : IDisposable
    {
        public void Dispose()
        {
            certificate.Dispose();
            ca?.Dispose();
        }
    }
}
