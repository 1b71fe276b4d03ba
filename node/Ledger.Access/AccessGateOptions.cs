using Ledger.Access.Audit;
using Ledger.Access.Certificates;
using Ledger.Access.Policy;
using Ledger.Access.Tokens;

namespace Ledger.Access;

/// <summary>The parts of an <see cref="AccessGate"/>. No validator and no certificate mapper = an open node.</summary>
public sealed record AccessGateOptions
{
    public AccessPolicy Policy { get; init; } = AccessPolicy.Default;

    /// <summary>Bearer token verification; null = bearer tokens are not accepted.</summary>
    public JwtValidator? Tokens { get; init; }

    /// <summary>Client certificate → role rules; null = client certificates do not authenticate.</summary>
    public ClientCertificateMapper? Certificates { get; init; }

    /// <summary>Where privileged calls are recorded; null = not recorded.</summary>
    public AuditLog? Audit { get; init; }

    /// <summary>Whether GET /metrics needs a principal allowed <see cref="AccessPolicy.MetricsMethod"/>.</summary>
    public bool MetricsRequireAuthentication { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
