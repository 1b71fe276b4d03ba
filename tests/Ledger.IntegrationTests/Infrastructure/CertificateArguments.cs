using Ledger.TestSupport;

namespace Ledger.IntegrationTests.Infrastructure;

internal static class CertificateArguments
{
    /// <summary>The <c>ledger run</c> flags for a node certificate signed by <paramref name="ca"/>, trusting <paramref name="trustedCaPath"/> (default: that CA).</summary>
    public static string[] NodeArguments(this ConsortiumCertificates ca, string name, string? trustedCaPath = null)
    {
        var (certificatePath, keyPath) = ca.Issue(name);
        return ["--peer-tls-cert", certificatePath, "--peer-tls-key", keyPath, "--peer-tls-ca", trustedCaPath ?? ca.CaPath];
    }
}
