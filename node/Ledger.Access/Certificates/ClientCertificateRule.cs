using Ledger.Core.Primitives;

namespace Ledger.Access.Certificates;

/// <summary>
/// One certificate → roles mapping. Every matcher given must match (at least one is required): the subject's common
/// name, a DNS name in the subject alternative names, or the SHA-256 thumbprint. The certificate itself was already
/// verified by TLS against the listener's client CA; this only says who it is.
/// </summary>
public sealed record ClientCertificateRule
{
    public string? CommonName { get; init; }

    public string? DnsName { get; init; }

    /// <summary>Hex SHA-256 of the DER certificate (colons and case ignored): pins one certificate.</summary>
    public string? Sha256Thumbprint { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    public IReadOnlyList<Address>? Accounts { get; init; }
}
