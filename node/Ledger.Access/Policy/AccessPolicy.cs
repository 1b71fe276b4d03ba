using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Ledger.Access.Policy;

/// <summary>
/// Roles and their allowlists: answers whether a principal may call a method, and whether a method is privileged
/// (granted only by audited roles, so each call of it is written to the audit log). Method names are the wire names
/// (<c>eth_call</c>), gRPC paths without the leading slash (<c>ledger.v1.LedgerApi/GetHistory</c>), sub-names for
/// subscription kinds (<c>eth_subscribe/newPendingTransactions</c>) and <see cref="MetricsMethod"/>.
/// </summary>
public sealed class AccessPolicy
{
    /// <summary>The name GET /metrics is authorized as.</summary>
    public const string MetricsMethod = "metrics";

    // Only names the node actually serves reach here (callers look the method up first), so the cache is bounded.
    private readonly ConcurrentDictionary<string, bool> _privileged = new(StringComparer.Ordinal);

    public AccessPolicy(IEnumerable<AccessRole> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        Roles = roles.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
    }

    /// <summary>The default roles (<see cref="DefaultRoles"/>).</summary>
    public static AccessPolicy Default { get; } = new(DefaultRoles.All);

    public FrozenDictionary<string, AccessRole> Roles { get; }

    /// <summary>True when one of <paramref name="principal"/>'s roles grants <paramref name="method"/> (always, for an open node).</summary>
    public bool Allows(AccessPrincipal principal, string method)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.IsOpen)
        {
            return true;
        }

        foreach (var name in principal.Roles)
        {
            if (Roles.TryGetValue(name, out var role) && role.Methods.Allows(method))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when only audited roles grant <paramref name="method"/>: with the default roles, voting with the node's key
    /// and reading others' pending payments. Such calls (allowed or refused) go to the audit log.
    /// </summary>
    public bool IsPrivileged(string method) => _privileged.GetOrAdd(method, static (m, roles) =>
    {
        var byAudited = false;
        foreach (var role in roles.Values)
        {
            if (role.Methods.Allows(m))
            {
                if (!role.Audited)
                {
                    return false;
                }

                byAudited = true;
            }
        }

        return byAudited;
    }, Roles);

    /// <summary>The roles that grant <paramref name="method"/>, for a denial message ("it needs: operator").</summary>
    public IEnumerable<string> RolesGranting(string method) =>
        Roles.Values.Where(r => r.Methods.Allows(method)).Select(r => r.Name).Order(StringComparer.Ordinal);
}
