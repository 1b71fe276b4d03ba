using Ledger.Network.Transport;
using Ledger.TestSupport;

namespace Ledger.Network.Tests;

internal static class CertificateOptions
{
    /// <summary>A node certificate signed by <paramref name="ca"/>, trusting <paramref name="trustedCaPath"/> (default: that CA), mTLS required.</summary>
    public static PeerTlsOptions Node(this ConsortiumCertificates ca, string name, string? trustedCaPath = null)
    {
        var (certificatePath, keyPath) = ca.Issue(name);
        return new PeerTlsOptions
        {
            CertificatePath = certificatePath,
            KeyPath = keyPath,
            TrustedCaPath = trustedCaPath ?? ca.CaPath,
            RequireClientCertificate = true,
        };
    }
}
