using System.Numerics;
using Ledger.Chaos.Checks;
using Ledger.Core.Primitives;

namespace Ledger.Chaos.Tests.Checks;

/// <summary>The balance and supply audits can fail: a planted mismatch or disagreement is reported.</summary>
public sealed class StateAuditTests
{
    private static readonly Address Token = Payments.Token;

    [Fact]
    public void Balances_that_follow_the_committed_payments_pass()
    {
        var initial = Balances(100, 50);

        var violations = BalanceAudit.Run(initial, [Payments.Transfer(1, 30), Payments.Transfer(2, 5)], node: 0, block: 9, Balances(65, 85));

        Assert.Empty(violations);
    }

    [Fact]
    public void A_payment_applied_twice_shows_as_a_balance_mismatch()
    {
        var violations = BalanceAudit.Run(Balances(100, 50), [Payments.Transfer(1, 30)], node: 3, block: 9, Balances(40, 110));

        Assert.Equal(2, violations.Count);
        Assert.All(violations, v => Assert.Equal(ViolationKind.BalanceMismatch, v.Kind));
        Assert.Contains(violations, v => v.Message.Contains($"{Payments.Alice} holds 40", StringComparison.Ordinal) && v.Message.Contains("say 70", StringComparison.Ordinal));
    }

    [Fact]
    public void Consistent_supplies_on_every_node_pass()
    {
        var supply = new TokenSupply(Token, 900, 1_000, 60, 40, 3, 900);

        Assert.Empty(SupplyAudit.Run(7, Nodes(supply, supply)));
    }

    [Fact]
    public void Balances_that_do_not_add_up_to_the_supply_are_a_supply_mismatch()
    {
        var minted = new TokenSupply(Token, 900, 1_000, 60, 40, 3, 901);

        var violation = Assert.Single(SupplyAudit.Run(7, Nodes(minted)));

        Assert.Equal(ViolationKind.SupplyMismatch, violation.Kind);
        Assert.Contains("add up to 901", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_supply_that_is_not_minted_minus_burned_minus_redeemed_is_a_supply_mismatch()
    {
        var violation = Assert.Single(SupplyAudit.Run(7, Nodes(new TokenSupply(Token, 950, 1_000, 60, 40, 3, 950))));

        Assert.Contains("≠ minted 1000", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nodes_that_disagree_on_a_token_are_a_supply_mismatch()
    {
        var a = new TokenSupply(Token, 900, 1_000, 60, 40, 3, 900);
        var b = a with { Supply = 890, Minted = 990, SumOfBalances = 890 };

        var violation = Assert.Single(SupplyAudit.Run(7, Nodes(a, b)));

        Assert.Contains("node 0 says", violation.Message, StringComparison.Ordinal);
        Assert.Contains("node 1 says", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_balancesOf_page_is_summed_from_its_second_array()
    {
        // (address[] accounts, uint256[] balances, uint256 total) with two entries of 7 and 35.
        var words = new List<BigInteger> { 96, 192, 2, 2, 0xa1, 0xb0, 2, 7, 35 };
        var data = words.SelectMany(w => UInt256.FromBigInteger(w).ToBigEndian()).ToArray();

        Assert.Equal(42, LedgerSnapshot.SumOfSecondArray(data));
    }

    private static Dictionary<(Address, Address), BigInteger> Balances(BigInteger alice, BigInteger bob) =>
        new() { [(Token, Payments.Alice)] = alice, [(Token, Payments.Bob)] = bob };

    private static Dictionary<int, IReadOnlyList<TokenSupply>> Nodes(params TokenSupply[] perNode) =>
        perNode.Select((s, i) => (s, i)).ToDictionary(p => p.i, p => (IReadOnlyList<TokenSupply>)[p.s]);
}
