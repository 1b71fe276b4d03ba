using System.ComponentModel;

namespace Ledger.Node.Configuration;

/// <summary>
/// The <c>auth</c> section: how clients of JSON-RPC, the gRPC API and /metrics authenticate (bearer JWTs, client
/// certificates), the roles and their method allowlists, and the audit log. Authentication is on when bearer keys or
/// certificate rules are configured. docs/security.md explains each setting and the default roles.
/// </summary>
public sealed record AuthSettings
{
    [Description("Bearer tokens: HS256 secret file and/or ES256/RS256 public keys, issuer, audience, clock skew.")]
    public JwtSettings? Jwt { get; init; }

    [Description("Client certificate → roles rules (TLS listeners with a clientCaPath).")]
    public IReadOnlyList<CertificateRoleSettings> Certificates { get; init; } = [];

    [Description("Roles by name, replacing the defaults of the same name (reader, submitter, operator, regulator, monitor) or adding roles.")]
    public IReadOnlyDictionary<string, RoleSettings> Roles { get; init; } = new Dictionary<string, RoleSettings>();

    [Description("GET /metrics needs a principal with a role granting 'metrics' (the monitor and operator roles do).")]
    public bool MetricsRequireAuth { get; init; } = true;

    [Description("Audit log of privileged (operator/regulator) calls.")]
    public AuditSettings Audit { get; init; } = new();

    /// <summary>True when bearer tokens or client certificates are configured.</summary>
    public bool Enabled => Jwt is { } jwt && (jwt.Hs256SecretFile is not null || jwt.PublicKeys.Count > 0) || Certificates.Count > 0;

    public AuthSettings RelativeTo(string baseDirectory) => this with
    {
        Jwt = Jwt?.RelativeTo(baseDirectory),
        Audit = Audit with { Path = PathSettings.Resolve(Audit.Path, baseDirectory) },
    };
}
