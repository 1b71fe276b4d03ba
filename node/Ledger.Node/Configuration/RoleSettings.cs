using System.ComponentModel;

namespace Ledger.Node.Configuration;

/// <summary>One entry of <c>auth.roles</c>: replaces the default role of the same name, or adds a role.</summary>
public sealed record RoleSettings
{
    [Description("Method patterns: a name (eth_call), a prefix (eth_*), * for all, !pattern to take out. Sensitive methods (qbft_proposeValidatorVote, txpool_content, …) must be named exactly.")]
    public IReadOnlyList<string> Methods { get; init; } = [];

    [Description("Write this role's privileged calls (methods only audited roles have) to the audit log.")]
    public bool Audit { get; init; }
}
