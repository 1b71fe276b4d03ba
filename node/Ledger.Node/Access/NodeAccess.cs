using Ledger.Access;
using Ledger.Access.Audit;
using Ledger.Access.Certificates;
using Ledger.Access.Policy;
using Ledger.Access.Tokens;
using Ledger.Core.Primitives;
using Ledger.Node.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Node.Access;

/// <summary>
/// Builds the node's <see cref="AccessGate"/> from the <c>auth</c> section: keys, roles, certificate rules and the audit
/// log. Every problem is a <see cref="NodeConfigurationException"/> naming the setting, raised at start.
/// </summary>
public static class NodeAccess
{
    /// <summary>Where the audit log goes when authentication is on and no path is configured.</summary>
    public static string DefaultAuditPath(string dataDirectory) => Path.Combine(dataDirectory, "audit", "operator.log");

    /// <summary>An open gate when <paramref name="settings"/> is null or configures no credentials; otherwise the configured one.</summary>
    public static AccessGate CreateGate(AuthSettings? settings, string dataDirectory, TimeProvider? time = null)
    {
        if (settings is null)
        {
            return AccessGate.Open;
        }

        var policy = Policy(settings);
        var tokens = Tokens(settings.Jwt, time);
        var certificates = Certificates(settings, policy);
        var auditPath = settings.Audit.Path ?? (settings.Enabled ? DefaultAuditPath(dataDirectory) : null);
        AuditLog? audit = null;
        if (auditPath is not null)
        {
            audit = Setting("auth.audit", () => new AuditLog(new AuditLogOptions
            {
                Path = auditPath,
                MaxFileBytes = settings.Audit.MaxFileBytes,
                MaxFiles = settings.Audit.MaxFiles,
            }));
        }

        return new AccessGate(new AccessGateOptions
        {
            Policy = policy,
            Tokens = tokens,
            Certificates = certificates,
            Audit = audit,
            MetricsRequireAuthentication = settings.MetricsRequireAuth,
            Time = time ?? TimeProvider.System,
        });
    }

    /// <summary>The default roles with the configured ones replacing or adding.</summary>
    public static AccessPolicy Policy(AuthSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var roles = DefaultRoles.All.ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach (var (name, role) in settings.Roles)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > TokenClaims.MaxRoleLength)
            {
                throw new NodeConfigurationException($"invalid setting 'auth.roles': '{name}' is not a role name (1 to {TokenClaims.MaxRoleLength} characters)");
            }

            roles[name] = new AccessRole(name, Setting($"auth.roles.{name}.methods", () => new MethodAllowlist(role.Methods)), role.Audit);
        }

        return new AccessPolicy(roles.Values);
    }

    private static JwtValidator? Tokens(JwtSettings? jwt, TimeProvider? time)
    {
        if (jwt is null || (jwt.Hs256SecretFile is null && jwt.PublicKeys.Count == 0))
        {
            return null;
        }

        if (jwt.ClockSkewSeconds is < 0 or > 600)
        {
            throw new NodeConfigurationException($"invalid setting 'auth.jwt.clockSkewSeconds': {jwt.ClockSkewSeconds} is not between 0 and 600");
        }

        if (jwt.MaxLifetimeSeconds is <= 0)
        {
            throw new NodeConfigurationException("invalid setting 'auth.jwt.maxLifetimeSeconds': must be positive");
        }

        var keys = new List<SecurityKey>();
        if (jwt.Hs256SecretFile is { } secret)
        {
            keys.Add(Setting("auth.jwt.hs256SecretFile", () => JwtKeys.LoadSecret(secret)));
        }

        foreach (var path in jwt.PublicKeys)
        {
            keys.Add(Setting("auth.jwt.publicKeys", () => JwtKeys.LoadPublicKey(path)));
        }

        return new JwtValidator(
            new JwtValidatorOptions
            {
                Keys = keys,
                Issuer = jwt.Issuer,
                Audience = jwt.Audience,
                ClockSkew = TimeSpan.FromSeconds(jwt.ClockSkewSeconds),
                MaxLifetime = jwt.MaxLifetimeSeconds is { } max ? TimeSpan.FromSeconds(max) : null,
            },
            time);
    }

    private static ClientCertificateMapper? Certificates(AuthSettings settings, AccessPolicy policy)
    {
        if (settings.Certificates.Count == 0)
        {
            return null;
        }

        var rules = new List<ClientCertificateRule>();
        for (var i = 0; i < settings.Certificates.Count; i++)
        {
            var entry = settings.Certificates[i];
            var name = $"auth.certificates[{i}]";
            if (entry.Roles.FirstOrDefault(r => !policy.Roles.ContainsKey(r)) is { } unknown)
            {
                throw new NodeConfigurationException($"invalid setting '{name}.roles': no role '{unknown}' (roles: {string.Join(", ", policy.Roles.Keys.Order(StringComparer.Ordinal))})");
            }

            List<Address>? accounts = null;
            if (entry.Accounts is not null)
            {
                accounts = [];
                foreach (var text in entry.Accounts)
                {
                    accounts.Add(Address.TryParse(text, out var account)
                        ? account
                        : throw new NodeConfigurationException($"invalid setting '{name}.accounts': '{text}' is not a 0x address"));
                }
            }

            rules.Add(new ClientCertificateRule
            {
                CommonName = entry.CommonName,
                DnsName = entry.DnsName,
                Sha256Thumbprint = entry.Sha256Thumbprint,
                Roles = entry.Roles,
                Accounts = accounts,
            });
        }

        return Setting("auth.certificates", () => new ClientCertificateMapper(rules));
    }

    private static T Setting<T>(string name, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (Exception ex) when (ex is AccessConfigurationException or ArgumentException)
        {
            throw new NodeConfigurationException($"invalid setting '{name}': {ex.Message}", ex);
        }
    }
}
