using System.ComponentModel;
using Ledger.Network.Transport;

namespace Ledger.Node.Configuration;

/// <summary>
/// TLS of a client-facing listener (<c>rpcTls</c> for JSON-RPC/WebSocket, <c>apiTls</c> for the gRPC client API): a
/// certificate and key as PEM files, reloaded when they change, and optionally a CA whose client certificates the
/// listener accepts (mapped to roles by <c>auth.certificates</c>).
/// </summary>
public sealed record ServerTlsSettings
{
    [Description("PEM certificate of this listener (what clients check against the bank's CA).")]
    public string? CertificatePath { get; init; }

    [Description("PEM private key of certificatePath.")]
    public string? KeyPath { get; init; }

    [Description("PEM CA certificate that issues client certificates; null = client certificates are not asked for.")]
    public string? ClientCaPath { get; init; }

    [Description("Refuse TLS connections without a client certificate from clientCaPath (otherwise a bearer token is the alternative).")]
    public bool RequireClientCertificate { get; init; }

    [Description("Seconds between checks of the certificate files (a file watcher reacts sooner).")]
    public int ReloadCheckSeconds { get; init; } = 10;

    public ServerTlsSettings RelativeTo(string baseDirectory) => this with
    {
        CertificatePath = PathSettings.Resolve(CertificatePath, baseDirectory),
        KeyPath = PathSettings.Resolve(KeyPath, baseDirectory),
        ClientCaPath = PathSettings.Resolve(ClientCaPath, baseDirectory),
    };

    /// <summary>Throws <see cref="NodeConfigurationException"/> naming <paramref name="section"/>'s setting that is missing or does not load.</summary>
    public void Validate(string section)
    {
        if (string.IsNullOrWhiteSpace(CertificatePath) || string.IsNullOrWhiteSpace(KeyPath))
        {
            throw new NodeConfigurationException($"invalid setting '{section}': certificatePath and keyPath are both needed");
        }

        if (RequireClientCertificate && ClientCaPath is null)
        {
            throw new NodeConfigurationException($"invalid setting '{section}.requireClientCertificate': needs clientCaPath, the CA of the client certificates");
        }

        if (ReloadCheckSeconds is < 1 or > 3600)
        {
            throw new NodeConfigurationException($"invalid setting '{section}.reloadCheckSeconds': {ReloadCheckSeconds} is not between 1 and 3600");
        }

        try
        {
            ReloadingCertificate.KeyPair(CertificatePath, KeyPath).Dispose();
            if (ClientCaPath is not null)
            {
                ReloadingCertificate.Authority(ClientCaPath).Dispose();
            }
        }
        catch (InvalidOperationException ex)
        {
            throw new NodeConfigurationException($"invalid setting '{section}': {ex.Message}", ex);
        }
    }
}
