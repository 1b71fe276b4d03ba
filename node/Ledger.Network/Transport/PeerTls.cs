using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

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

    /// <summary>Kestrel HTTPS for the peer listener (HTTP/2 only), with a client certificate when mTLS is required.</summary>
    public static void ConfigureListener(ListenOptions listen, PeerTlsOptions tls)
    {
        var certificate = LoadCertificate(tls);
        var ca = LoadTrustedCa(tls);
        listen.Protocols = HttpProtocols.Http2;
        listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificate,
            ClientCertificateMode = tls.RequireClientCertificate ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.NoCertificate,
            ClientCertificateValidation = (certificate, chain, errors) => IsTrusted(certificate, errors, ca),
        });
    }

    /// <summary>The TLS settings of a dialing node: validate the peer against the CA, present our certificate for mTLS.</summary>
    public static SslClientAuthenticationOptions ClientOptions(PeerTlsOptions tls)
    {
        var certificate = LoadCertificate(tls);
        var ca = LoadTrustedCa(tls);
        return new SslClientAuthenticationOptions
        {
            ClientCertificates = [certificate],
            RemoteCertificateValidationCallback = (_, remote, _, errors) => IsTrusted(remote, errors, ca),
        };
    }

    private static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2? ca)
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
}
