using System.Collections.Frozen;
using Ledger.Core.Primitives;

namespace Ledger.Access;

/// <summary>
/// Who is calling, as the access layer established it: a subject (token <c>sub</c> or certificate subject), its roles,
/// and optionally the accounts it is limited to (a customer app's token). Immutable; one per request or connection.
/// </summary>
public sealed record AccessPrincipal
{
    /// <summary>The caller of a node that runs without authentication: may call everything, as before access control existed.</summary>
    public static AccessPrincipal Anonymous { get; } = new()
    {
        Subject = "anonymous",
        Roles = FrozenSet<string>.Empty,
        Kind = AuthenticationKind.Open,
    };

    /// <summary>Token <c>sub</c>, or the certificate's subject name; what the audit log records as "who".</summary>
    public required string Subject { get; init; }

    public required IReadOnlySet<string> Roles { get; init; }

    /// <summary>The accounts this principal may read through account-scoped calls; null = not limited.</summary>
    public IReadOnlySet<Address>? Accounts { get; init; }

    public required AuthenticationKind Kind { get; init; }

    /// <summary>When the credential stops being valid (token <c>exp</c>, certificate NotAfter); a WebSocket is closed then.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public bool IsOpen => Kind == AuthenticationKind.Open;

    /// <summary>True when account-scoped reads of <paramref name="account"/> are allowed.</summary>
    public bool MayAccess(Address account) => Accounts is null || Accounts.Contains(account);

    /// <summary>"ops-app (operator)" — for error messages; never contains a credential.</summary>
    public string Describe() =>
        IsOpen ? "anonymous" : $"'{Subject}' (roles: {(Roles.Count == 0 ? "none" : string.Join(", ", Roles.Order(StringComparer.Ordinal)))})";
}
