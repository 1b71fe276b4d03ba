using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ledger.Access.Certificates;

/// <summary>Maps a TLS client certificate to a principal by the configured rules; the first rule that matches wins.</summary>
public sealed class ClientCertificateMapper
{
    private readonly IReadOnlyList<ClientCertificateRule> _rules;

    public ClientCertificateMapper(IReadOnlyList<ClientCertificateRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var rule in rules)
        {
            if (rule.CommonName is null && rule.DnsName is null && rule.Sha256Thumbprint is null)
            {
                throw new AccessConfigurationException("a certificate rule needs commonName, dnsName or sha256Thumbprint");
            }
        }

        _rules = rules;
    }

    public int Count => _rules.Count;

    public AuthenticationResult Map(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var now = DateTimeOffset.UtcNow;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return AuthenticationResult.Fail("expired", "the client certificate is outside its validity period");
        }

        var commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var thumbprint = Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
        string[]? dnsNames = null;
        foreach (var rule in _rules)
        {
            if (rule.CommonName is not null && !string.Equals(rule.CommonName, commonName, StringComparison.Ordinal))
            {
                continue;
            }

            if (rule.Sha256Thumbprint is not null && !string.Equals(Normalize(rule.Sha256Thumbprint), thumbprint, StringComparison.Ordinal))
            {
                continue;
            }

            if (rule.DnsName is not null && !(dnsNames ??= DnsNames(certificate)).Contains(rule.DnsName, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            return AuthenticationResult.Success(new AccessPrincipal
            {
                Subject = string.IsNullOrEmpty(commonName) ? certificate.Subject : commonName,
                Roles = rule.Roles.ToFrozenSet(StringComparer.Ordinal),
                Accounts = rule.Accounts?.ToFrozenSet(),
                Kind = AuthenticationKind.ClientCertificate,
                ExpiresAt = certificate.NotAfter.ToUniversalTime(),
            });
        }

        return AuthenticationResult.Fail("unknown_certificate", $"the client certificate '{certificate.Subject}' is not mapped to any role on this node");
    }

    private static string Normalize(string thumbprint) => thumbprint.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant();

    private static string[] DnsNames(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                return [.. san.EnumerateDnsNames()];
            }
        }

        return [];
    }
}
