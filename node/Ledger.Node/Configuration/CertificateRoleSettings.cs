using System.ComponentModel;

namespace Ledger.Node.Configuration;

/// <summary>One entry of <c>auth.certificates</c>: a TLS client certificate (already verified against the listener's client CA) → roles.</summary>
public sealed record CertificateRoleSettings
{
    [Description("The certificate subject's common name (CN) must equal this.")]
    public string? CommonName { get; init; }

    [Description("A DNS name in the certificate's subject alternative names must equal this.")]
    public string? DnsName { get; init; }

    [Description("The certificate's SHA-256 thumbprint (hex, colons allowed) must equal this: pins one certificate.")]
    public string? Sha256Thumbprint { get; init; }

    [Description("Roles granted to this certificate.")]
    public IReadOnlyList<string> Roles { get; init; } = [];

    [Description("Accounts (0x addresses) the certificate is limited to for account-scoped calls; null = not limited.")]
    public IReadOnlyList<string>? Accounts { get; init; }
}
