namespace Ledger.Network.Transport;

/// <summary>
/// TLS between nodes (PEM files). The node's certificate serves its listener and, when the other side asks for one, is
/// presented as the client certificate (mTLS). With <see cref="TrustedCaPath"/> set, peers must present certificates
/// issued by that consortium CA; without it the operating system's trust store decides.
/// </summary>
public sealed record PeerTlsOptions
{
    /// <summary>PEM certificate of this node (a chain may follow the leaf).</summary>
    public required string CertificatePath { get; init; }

    /// <summary>PEM private key of <see cref="CertificatePath"/>.</summary>
    public required string KeyPath { get; init; }

    /// <summary>PEM certificate of the consortium CA; null = the system trust store.</summary>
    public string? TrustedCaPath { get; init; }

    /// <summary>The listener demands a client certificate from the same CA (mTLS).</summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>How often the certificate files are re-read behind the file watcher; null = <see cref="ReloadingCertificate.DefaultPollInterval"/>.</summary>
    public TimeSpan? ReloadInterval { get; init; }
}
