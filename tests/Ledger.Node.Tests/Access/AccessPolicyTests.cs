using System.Collections.Frozen;
using Ledger.Access;
using Ledger.Access.Policy;

namespace Ledger.Node.Tests.Access;

public sealed class AccessPolicyTests
{
    private static readonly AccessPolicy Policy = AccessPolicy.Default;

    [Theory]
    [InlineData("reader", "eth_blockNumber", true)]
    [InlineData("reader", "eth_getLogs", true)]
    [InlineData("reader", "eth_subscribe/newHeads", true)]
    [InlineData("reader", "ledger.v1.LedgerApi/GetHistory", true)]
    [InlineData("reader", "eth_sendRawTransaction", false)]
    [InlineData("reader", "ledger.v1.LedgerApi/SubmitTransaction", false)]
    [InlineData("reader", "txpool_content", false)]
    [InlineData("reader", "txpool_inspect", false)]
    [InlineData("reader", "eth_pendingTransactions", false)]
    [InlineData("reader", "eth_newPendingTransactionFilter", false)]
    [InlineData("reader", "eth_subscribe/newPendingTransactions", false)]
    [InlineData("reader", "qbft_proposeValidatorVote", false)]
    [InlineData("reader", "metrics", false)]
    [InlineData("submitter", "eth_sendRawTransaction", true)]
    [InlineData("submitter", "ledger.v1.LedgerApi/SubmitTransaction", true)]
    [InlineData("submitter", "txpool_content", false)]
    [InlineData("operator", "qbft_proposeValidatorVote", true)]
    [InlineData("operator", "txpool_content", true)]
    [InlineData("operator", "eth_subscribe/newPendingTransactions", true)]
    [InlineData("operator", "metrics", true)]
    [InlineData("regulator", "txpool_content", true)]
    [InlineData("regulator", "qbft_proposeValidatorVote", false)]
    [InlineData("regulator", "eth_sendRawTransaction", false)]
    [InlineData("reader", "ledger_getTokenHolders", false)]
    [InlineData("submitter", "ledger_getTokenHolders", false)]
    [InlineData("regulator", "ledger_getTokenHolders", true)]
    [InlineData("operator", "ledger_getTokenHolders", true)]
    [InlineData("monitor", "metrics", true)]
    [InlineData("monitor", "eth_getLogs", false)]
    public void Default_roles_grant_what_docs_security_md_says(string role, string method, bool allowed)
    {
        Assert.Equal(allowed, Policy.Allows(Principal(role), method));
    }

    [Fact]
    public void A_wildcard_never_grants_a_sensitive_method_but_its_exact_name_does()
    {
        var everything = new MethodAllowlist(["*"]);
        var prefix = new MethodAllowlist(["txpool_*", "qbft_*", "eth_subscribe"]);
        var named = new MethodAllowlist(["qbft_proposeValidatorVote", "eth_subscribe/newPendingTransactions"]);

        Assert.True(everything.Allows("eth_call"));
        Assert.False(everything.Allows("qbft_proposeValidatorVote"));
        Assert.False(prefix.Allows("txpool_content"));
        Assert.True(prefix.Allows("txpool_status"));
        Assert.True(prefix.Allows("eth_subscribe/logs"));
        Assert.False(prefix.Allows("eth_subscribe/newPendingTransactions"));
        Assert.True(named.Allows("qbft_proposeValidatorVote"));
        Assert.True(named.Allows("eth_subscribe/newPendingTransactions"));
    }

    [Fact]
    public void Exclusions_win_over_includes()
    {
        var list = new MethodAllowlist(["eth_*", "!eth_get*", "eth_getBalance"]);

        Assert.True(list.Allows("eth_call"));
        Assert.False(list.Allows("eth_getBalance"));
    }

    [Theory]
    [InlineData("eth_*x")]
    [InlineData("")]
    [InlineData("!")]
    [InlineData("eth call")]
    public void A_malformed_pattern_is_refused(string pattern)
    {
        Assert.Throws<ArgumentException>(() => new MethodAllowlist([pattern]));
    }

    [Fact]
    public void Methods_only_audited_roles_grant_are_privileged()
    {
        Assert.True(Policy.IsPrivileged("qbft_proposeValidatorVote"));
        Assert.True(Policy.IsPrivileged("txpool_content"));
        Assert.True(Policy.IsPrivileged("eth_subscribe/newPendingTransactions"));
        Assert.False(Policy.IsPrivileged("eth_blockNumber"));
        Assert.False(Policy.IsPrivileged("eth_sendRawTransaction"));
        Assert.False(Policy.IsPrivileged("metrics"));
    }

    [Fact]
    public void An_unknown_role_grants_nothing_and_an_open_node_grants_everything()
    {
        Assert.False(Policy.Allows(Principal("no-such-role"), "eth_blockNumber"));
        Assert.True(Policy.Allows(AccessPrincipal.Anonymous, "qbft_proposeValidatorVote"));
    }

    private static AccessPrincipal Principal(string role) => new()
    {
        Subject = "app",
        Roles = FrozenSet.Create(StringComparer.Ordinal, role),
        Kind = AuthenticationKind.Bearer,
    };
}
