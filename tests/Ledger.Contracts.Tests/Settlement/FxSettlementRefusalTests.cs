using Ledger.Core.Primitives;
using static Ledger.Contracts.Tests.Settlement.SettlementDriver;

namespace Ledger.Contracts.Tests.Settlement;

/// <summary>
/// FX settlement refused by the parties' compliance, the provider's funds and allowance, or the board rate: each
/// with a reason naming the problem and every balance and supply unchanged.
/// </summary>
public sealed class FxSettlementRefusalTests : IDisposable
{
    private readonly SettlementDriver _s = new();

    private TestLedger Ledger => _s.Ledger;

    [Fact]
    public void A_frozen_beneficiary_is_refused_and_moves_nothing()
    {
        _s.PostRate();
        _s.ApproveProvider();
        Ledger.Ok(16, TestGenesis.Compliance, Calls.Encode("freezeAccount(address,string)", Dev(Beneficiary), "sanctions hit"));
        var quote = _s.Quote();
        var before = _s.Snapshot();

        var reason = Ledger.Fails(Payer, SettlementAddress, SettleCall(quote, _s.Sign(quote)));

        Assert.Contains("the payment from payer to beneficiary refused", reason);
        Assert.Contains("frozen", reason);
        _s.AssertUnchanged(before);
    }

    [Fact]
    public void A_closed_corridor_is_refused_and_moves_nothing()
    {
        _s.PostRate();
        _s.ApproveProvider();
        Ledger.Ok(0, TestGenesis.Compliance, Calls.Encode("proposeCorridor(string,string,bool)", "US", "DE", false));
        Ledger.Ok(1, TestGenesis.Compliance, Calls.Encode("approveProposal(uint256)", 1));
        var quote = _s.Quote();
        var before = _s.Snapshot();

        var reason = Ledger.Fails(Payer, SettlementAddress, SettleCall(quote, _s.Sign(quote)));

        Assert.Contains("corridor", reason);
        _s.AssertUnchanged(before);
    }

    [Fact]
    public void A_provider_short_of_eur_is_refused_naming_it_and_moves_nothing()
    {
        _s.PostRate();
        _s.ApproveProvider();
        Ledger.Ok(Provider, TestGenesis.Eurb, Calls.Transfer(Dev(5), _s.Eurb(Provider) - new UInt256(5_000)));
        var quote = _s.Quote();
        var before = _s.Snapshot();

        var reason = Ledger.Fails(Payer, SettlementAddress, SettleCall(quote, _s.Sign(quote)));

        Assert.Contains($"provider {Dev(Provider).ToChecksumString()} is short of EURB: it holds 50.00 EURB and the quote pays out 92.00 EURB", reason);
        _s.AssertUnchanged(before);
    }

    [Fact]
    public void A_provider_without_an_allowance_is_refused_naming_the_approve_it_needs()
    {
        _s.PostRate();
        _s.ApproveProvider(new UInt256(9_199));
        var quote = _s.Quote();
        var before = _s.Snapshot();

        var reason = Ledger.Fails(Payer, SettlementAddress, SettleCall(quote, _s.Sign(quote)));

        Assert.Contains("has allowed the Settlement module only 91.99 EURB", reason);
        Assert.Contains("must approve", reason);
        _s.AssertUnchanged(before);
    }

    [Fact]
    public void A_stale_board_rate_is_refused_and_moves_nothing()
    {
        _s.PostRate(validFor: 60);
        _s.ApproveProvider();
        Ledger.AdvanceTime(TimeSpan.FromMinutes(2));
        var quote = _s.Quote();
        var before = _s.Snapshot();

        var reason = Ledger.Fails(Payer, SettlementAddress, SettleCall(quote, _s.Sign(quote)));

        Assert.Contains("USD/EUR board rate 0.92", reason);
        Assert.Contains("is stale", reason);
        _s.AssertUnchanged(before);
    }

    [Fact]
    public void A_quote_without_a_board_rate_is_refused()
    {
        _s.ApproveProvider();
        var quote = _s.Quote();

        var reason = Ledger.Fails(Payer, SettlementAddress, SettleCall(quote, _s.Sign(quote)));

        Assert.Contains("has posted no USD/EUR rate", reason);
    }

    [Fact]
    public void A_quote_rate_outside_the_tolerance_of_the_board_is_refused()
    {
        _s.PostRate();
        _s.ApproveProvider();
        var quote = _s.Quote() with { Rate = new UInt256(940_000_000_000_000_000UL), ReceiveAmount = new UInt256(9_400) };
        var before = _s.Snapshot();

        var reason = Ledger.Fails(Payer, SettlementAddress, SettleCall(quote, _s.Sign(quote)));

        Assert.Contains("quote rate 0.94 USD/EUR is more than 100 bps", reason);
        _s.AssertUnchanged(before);
    }

    [Fact]
    public void A_receive_amount_that_does_not_follow_from_the_rate_is_refused()
    {
        _s.PostRate();
        _s.ApproveProvider();
        var quote = _s.Quote() with { ReceiveAmount = new UInt256(9_300) };

        var reason = Ledger.Fails(Payer, SettlementAddress, SettleCall(quote, _s.Sign(quote)));

        Assert.Contains("receiveAmount 93.00 EURB does not follow from the quote", reason);
        Assert.Contains("= 92.00 EURB", reason);
    }

    [Fact]
    public void A_payer_who_cannot_cover_amount_and_fee_is_refused_and_moves_nothing()
    {
        _s.PostRate();
        _s.ApproveProvider();
        Ledger.Ok(Payer, TestGenesis.Usda, Calls.Transfer(Dev(4), _s.Usda(Payer) - new UInt256(10_050)));
        var quote = _s.Quote();
        var before = _s.Snapshot();

        var reason = Ledger.Fails(Payer, SettlementAddress, SettleCall(quote, _s.Sign(quote)));

        Assert.Contains("the payer's leg (101.00 USDA incl. fee to the provider) is refused", reason);
        _s.AssertUnchanged(before);
    }

    public void Dispose() => _s.Dispose();
}
