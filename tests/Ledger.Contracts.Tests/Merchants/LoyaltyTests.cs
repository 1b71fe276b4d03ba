using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using static Ledger.Contracts.Tests.Merchants.MerchantLedger;

namespace Ledger.Contracts.Tests.Merchants;

/// <summary>Loyalty points: earned on payment, held per (merchant, customer), redeemed only at that merchant.</summary>
public sealed class LoyaltyTests : IDisposable
{
    private const int Shop = 2;
    private const int Customer = 4;
    private readonly MerchantLedger _m = new();

    public LoyaltyTests()
    {
        // 10 points per whole USDA paid; a point is worth 5 base units (0.05 USDA) when redeemed.
        _m.Ok(Shop, SetLoyalty(10, 5));
    }

    [Fact]
    public void A_payment_earns_points_pro_rata_to_the_whole_units_paid()
    {
        var id = _m.CreateInvoice(Shop, 15_050);

        var receipt = _m.Ok(Customer, Pay(id));

        Assert.Equal(["Transfer", "PointsEarned", "InvoicePaid"], _m.Ledger.EventNames(receipt));
        Assert.Equal(new UInt256(1_505), _m.Points(Shop, Customer));
        Assert.Equal(UInt256.Zero, _m.Points(0, Customer));
        Assert.Equal(new UInt256(100_000 - 15_050), _m.Usda(Customer));
        Assert.Equal(new UInt256(100_000 + 15_050), _m.Usda(Shop));
        var programme = new AbiReader(_m.Ledger.View(MerchantLedger.Module, Calls.Encode("loyaltyOf(address)", Dev(Shop))), "loyaltyOf");
        Assert.Equal(new UInt256(10), programme.ReadUInt256("pointsPerUnit"));
        Assert.Equal(new UInt256(5), programme.ReadUInt256("pointValue"));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void Redeemed_points_discount_the_invoice_and_the_rest_is_paid_and_earns_again()
    {
        _m.Ok(Customer, Pay(_m.CreateInvoice(Shop, 15_000)));
        var id = _m.CreateInvoice(Shop, 2_000);

        var receipt = _m.Ok(Customer, PayWithPoints(id, 200));

        // 200 points × 5 = 10.00 USDA off; 10.00 paid earns 100 points: 1,500 − 200 + 100.
        Assert.Equal(["PointsRedeemed", "Transfer", "PointsEarned", "InvoicePaid"], _m.Ledger.EventNames(receipt));
        Assert.Equal(new UInt256(1_400), _m.Points(Shop, Customer));
        var invoice = _m.Invoice(id);
        Assert.Equal(new UInt256(1_000), invoice.PaidAmount);
        Assert.Equal(new UInt256(1_000), invoice.Discount);
        Assert.Equal(new UInt256(200), invoice.PointsRedeemed);
        Assert.Equal(new UInt256(100_000 - 15_000 - 1_000), _m.Usda(Customer));
        Assert.Equal(new UInt256(100_000 + 15_000 + 1_000), _m.Usda(Shop));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void Redeeming_more_points_than_held_or_than_the_amount_due_is_refused_and_spends_nothing()
    {
        _m.Ok(Customer, Pay(_m.CreateInvoice(Shop, 1_000)));
        Assert.Equal(new UInt256(100), _m.Points(Shop, Customer));
        var id = _m.CreateInvoice(Shop, 300);

        Assert.Equal($"{C(Customer)} holds 100 points at merchant {C(Shop)}; it cannot redeem 101", _m.Fails(Customer, PayWithPoints(id, 101)));
        Assert.Equal(
            $"redeeming 61 points (worth 5 base units each) exceeds the 3.00 USDA still due on invoice #{id}; redeem at most 60 points",
            _m.Fails(Customer, PayWithPoints(id, 61)));

        Assert.Equal(new UInt256(100), _m.Points(Shop, Customer));
        Assert.Equal((byte)0, _m.Invoice(id).Status);
        Assert.Equal(new UInt256(99_000), _m.Usda(Customer));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void Points_are_redeemed_only_at_the_merchant_that_granted_them()
    {
        _m.Ok(Customer, Pay(_m.CreateInvoice(Shop, 1_000)));
        _m.Ok(0, SetLoyalty(1, 1));
        var elsewhere = _m.CreateInvoice(0, 1_000);

        var reason = _m.Fails(Customer, PayWithPoints(elsewhere, 50));

        Assert.Equal($"{C(Customer)} holds 0 points at merchant {C(0)}; it cannot redeem 50", reason);
        Assert.Equal(new UInt256(100), _m.Points(Shop, Customer));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void A_merchant_without_a_point_value_does_not_redeem_and_ending_the_programme_keeps_balances()
    {
        _m.Ok(Customer, Pay(_m.CreateInvoice(Shop, 1_000)));
        var end = _m.Ok(Shop, SetLoyalty(0, 0));
        Assert.Equal(["LoyaltyProgramSet"], _m.Ledger.EventNames(end));
        var id = _m.CreateInvoice(Shop, 1_000);

        Assert.Equal(
            $"merchant {C(Shop)} does not redeem points: its loyalty programme's pointValue is 0",
            _m.Fails(Customer, PayWithPoints(id, 10)));
        _m.Ok(Customer, Pay(id));

        Assert.Equal(new UInt256(100), _m.Points(Shop, Customer));
        Assert.Equal(new UInt256(98_000), _m.Usda(Customer));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void Only_a_verified_account_runs_a_loyalty_programme()
    {
        Assert.Equal(
            $"caller {C(8)} is not a registered (KYC-verified) account; only a verified account may run a loyalty programme",
            _m.Fails(8, SetLoyalty(1, 1)));
        _m.AssertSupplyUnchanged();
    }

    public void Dispose() => _m.Dispose();
}
