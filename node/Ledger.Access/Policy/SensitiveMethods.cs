using System.Collections.Frozen;

namespace Ledger.Access.Policy;

/// <summary>
/// Methods that sign with the node's key, reveal other people's pending payments or list every holder's balance. They are never granted by a
/// wildcard (see <see cref="MethodAllowlist"/>); by default only the operator role names them (the regulator role names
/// the pool reads). Sub-names: a WebSocket subscription is authorized as <c>eth_subscribe/KIND</c>.
/// </summary>
public static class SensitiveMethods
{
    /// <summary>Signs a validator-set vote with the node's validator key.</summary>
    public const string ProposeValidatorVote = "qbft_proposeValidatorVote";

    /// <summary>Signs a member-node allowlist vote with the node's validator key.</summary>
    public const string ProposeMemberVote = "qbft_proposeMemberVote";

    public static FrozenSet<string> PendingPaymentReads { get; } = FrozenSet.Create(
        StringComparer.Ordinal,
        "txpool_content",
        "txpool_inspect",
        "eth_pendingTransactions",
        "eth_newPendingTransactionFilter",
        "eth_subscribe/newPendingTransactions");

    /// <summary>Every holder of a token with its balance: a supervisory read (the regulator's and the bank's).</summary>
    public const string TokenHolders = "ledger_getTokenHolders";

    public static FrozenSet<string> All { get; } = FrozenSet.Create(StringComparer.Ordinal, [ProposeValidatorVote, ProposeMemberVote, TokenHolders, .. PendingPaymentReads]);

    public static bool Contains(string method) => All.Contains(method);
}
