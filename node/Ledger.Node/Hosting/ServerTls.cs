using Ledger.Network.Transport;
using Ledger.Node.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace Ledger.Node.Hosting;

/// <summary>
/// HTTPS for a client-facing listener: the certificate is chosen per handshake from files that are reloaded when they
/// change; client certificates, when a client CA is configured, must chain to that CA alone (then the access gate maps
/// them to roles).
/// </summary>
internal static class ServerTls
{
    /// <summary>Configures <paramref name="listen"/>; dispose the result when the listener stops (it stops watching the files).</summary>
    public static IDisposable Configure(ListenOptions listen, ServerTlsSettings tls, ILogger? logger)
    {
        var interval = TimeSpan.FromSeconds(tls.ReloadCheckSeconds);
        var certificate = ReloadingCertificate.KeyPair(tls.CertificatePath!, tls.KeyPath!, logger, interval);
        var ca = tls.ClientCaPath is null ? null : ReloadingCertificate.Authority(tls.ClientCaPath, logger, interval);
        listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificateSelector = (_, _) => certificate.Current,
            ClientCertificateMode = ca is null ? ClientCertificateMode.NoCertificate
                : tls.RequireClientCertificate ? ClientCertificateMode.RequireCertificate
                : ClientCertificateMode.AllowCertificate,
            ClientCertificateValidation = (remote, _, errors) => ca is not null && PeerTls.IsTrusted(remote, errors, ca.Current),
        });
        return new Both(certificate, ca);
    }

    private sealed class Both(ReloadingCertificate certificate, ReloadingCertificate? ca) : IDisposable
    {
        public void Dispose()
        {
            certificate.Dispose();
            ca?.Dispose();
        }
    }
}
