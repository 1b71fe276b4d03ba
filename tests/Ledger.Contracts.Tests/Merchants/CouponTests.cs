using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using static Ledger.Contracts.Tests.Merchants.MerchantLedger;

namespace Ledger.Contracts.Tests.Merchants;

/// <summary>Coupons: stored as code hashes, single-use, percentage or fixed, with an expiry, at one merchant.</summary>
public sealed class CouponTests : IDisposable
{
    private const int Shop = 2;
    private const int Customer = 4;
    private const byte Percent = 0;
    private const byte Fixed = 1;
    private readonly MerchantLedger _m = new();

    [Fact]
    public void A_percentage_coupon_discounts_the_payment_once_and_a_reuse_is_refused()
    {
        var created = _m.Ok(Shop, _m.CreateCoupon("SUMMER10", Percent, 1_000));
        Assert.Equal(["CouponCreated"], _m.Ledger.EventNames(created));
        var id = _m.CreateInvoice(Shop, 15_000);

        var receipt = _m.Ok(Customer, Pay(id, "SUMMER10"));

        Assert.Equal(["CouponUsed", "Transfer", "InvoicePaid"], _m.Ledger.EventNames(receipt));
        Assert.Equal(new UInt256(100_000 - 13_500), _m.Usda(Customer));
        Assert.Equal(new UInt256(100_000 + 13_500), _m.Usda(Shop));
        var invoice = _m.Invoice(id);
        Assert.Equal(new UInt256(1_500), invoice.Discount);
        Assert.Equal(new UInt256(13_500), invoice.PaidAmount);
        var coupon = new AbiReader(_m.Ledger.View(MerchantLedger.Module, Calls.Encode("getCoupon(address,bytes32)", Dev(Shop), CodeHash("SUMMER10"))), "getCoupon");
        Assert.True(coupon.ReadBool("exists"));
        Assert.Equal(Percent, coupon.ReadUInt8("kind"));
        Assert.Equal(new UInt256(1_000), coupon.ReadUInt256("value"));
        _ = coupon.ReadUInt64("expiry");
        Assert.Equal(id, coupon.ReadUInt256("usedOnInvoice"));

        var next = _m.CreateInvoice(Shop, 15_000);
        Assert.Equal($"coupon \"SUMMER10\" was already used on invoice #{id}; coupons are single-use", _m.Fails(0, Pay(next, "SUMMER10")));
        Assert.Equal((byte)0, _m.Invoice(next).Status);
        Assert.Equal(MerchantLedger.StartBalance, _m.Usda(0));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void A_fixed_coupon_never_discounts_more_than_the_amount()
    {
        _m.Ok(Shop, _m.CreateCoupon("GIFT500", Fixed, 50_000));
        var id = _m.CreateInvoice(Shop, 15_000);

        var receipt = _m.Ok(Customer, Pay(id, "GIFT500"));

        Assert.Equal(["CouponUsed", "InvoicePaid"], _m.Ledger.EventNames(receipt));
        var invoice = _m.Invoice(id);
        Assert.Equal((byte)1, invoice.Status);
        Assert.Equal(UInt256.Zero, invoice.PaidAmount);
        Assert.Equal(new UInt256(15_000), invoice.Discount);
        Assert.Equal(MerchantLedger.StartBalance, _m.Usda(Customer));
        Assert.Equal(MerchantLedger.StartBalance, _m.Usda(Shop));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void A_fixed_coupon_and_points_combine()
    {
        _m.Ok(Shop, SetLoyalty(10, 1));
        _m.Ok(Customer, Pay(_m.CreateInvoice(Shop, 1_000)));
        _m.Ok(Shop, _m.CreateCoupon("FIVE", Fixed, 500));
        var id = _m.CreateInvoice(Shop, 2_000);

        _m.Ok(Customer, PayWithPoints(id, 100, "FIVE"));

        // 20.00 − 5.00 coupon − 100 points × 0.01 = 14.00 paid, earning 140 points.
        var invoice = _m.Invoice(id);
        Assert.Equal(new UInt256(1_400), invoice.PaidAmount);
        Assert.Equal(new UInt256(600), invoice.Discount);
        Assert.Equal(new UInt256(140), _m.Points(Shop, Customer));
        Assert.Equal(new UInt256(100_000 - 1_000 - 1_400), _m.Usda(Customer));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void Expired_unknown_and_other_merchants_coupons_are_refused_and_nothing_moves()
    {
        _m.Ok(Shop, _m.CreateCoupon("SOON", Percent, 500, _m.InAnHour));
        _m.Ok(0, _m.CreateCoupon("OTHERS", Percent, 500));
        _m.Ledger.AdvanceTime(TimeSpan.FromHours(2));
        var id = _m.CreateInvoice(Shop, 15_000);

        Assert.StartsWith("coupon \"SOON\" expired at ", _m.Fails(Customer, Pay(id, "SOON")));
        var foreign = _m.Fails(Customer, Pay(id, "OTHERS"));
        Assert.Equal(
            $"coupon \"OTHERS\" is not a coupon of merchant {C(Shop)}: the code is unknown, or another merchant's (a coupon applies only at the merchant that created it)",
            foreign);
        Assert.StartsWith("coupon \"NOPE\" is not a coupon of merchant", _m.Fails(Customer, Pay(id, "NOPE")));

        Assert.Equal((byte)0, _m.Invoice(id).Status);
        Assert.Equal(MerchantLedger.StartBalance, _m.Usda(Customer));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void An_invoice_that_refuses_coupons_says_so()
    {
        _m.Ok(Shop, _m.CreateCoupon("SUMMER10", Percent, 1_000));
        var id = _m.CreateInvoice(Shop, 15_000, acceptCoupons: false);

        Assert.Equal($"invoice #{id} does not accept coupons; pay it without a coupon code", _m.Fails(Customer, Pay(id, "SUMMER10")));
        _m.Ok(Customer, Pay(id, ""));

        Assert.Equal(new UInt256(85_000), _m.Usda(Customer));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void Coupon_creation_refuses_bad_input()
    {
        Assert.Equal(
            "coupon kind 2 is not defined: use 0 (percentage, value in basis points) or 1 (fixed, value in base units)",
            _m.Fails(Shop, _m.CreateCoupon("A", 2, 1)));
        Assert.Equal(
            "a percentage coupon's value is in basis points from 1 to 10000 (0.01 % to 100 %), got 10001",
            _m.Fails(Shop, _m.CreateCoupon("A", Percent, 10_001)));
        Assert.Equal("a fixed coupon's value must be above zero (base units of the invoice's token)", _m.Fails(Shop, _m.CreateCoupon("A", Fixed, 0)));
        Assert.StartsWith("coupon expiry ", _m.Fails(Shop, _m.CreateCoupon("A", Fixed, 1, 1)));
        _m.Ok(Shop, _m.CreateCoupon("A", Fixed, 1));
        Assert.Equal(
            $"merchant {C(Shop)} already created coupon {CodeHash("A")}; every code is single-use, pick a new one",
            _m.Fails(Shop, _m.CreateCoupon("A", Percent, 5)));
        Assert.StartsWith($"caller {C(9)} is not a registered", _m.Fails(9, _m.CreateCoupon("B", Fixed, 1)));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void A_payment_the_token_refuses_leaves_the_coupon_and_the_points_unspent()
    {
        _m.Ok(Shop, SetLoyalty(10, 1));
        _m.Ok(Customer, Pay(_m.CreateInvoice(Shop, 1_000)));
        _m.Ok(Shop, _m.CreateCoupon("FIVE", Fixed, 500));
        var id = _m.CreateInvoice(Shop, 2_000);
        _m.Ledger.Ok(15, TestGenesis.Compliance, Calls.Encode("freezeAccount(address,string)", Dev(Customer), "case 9"));

        var reason = _m.Fails(Customer, PayWithPoints(id, 100, "FIVE"));

        Assert.StartsWith($"paying invoice #{id} (14.00 USDA to {C(Shop)}) failed: ", reason);
        var coupon = new AbiReader(_m.Ledger.View(MerchantLedger.Module, Calls.Encode("getCoupon(address,bytes32)", Dev(Shop), CodeHash("FIVE"))), "getCoupon");
        Assert.True(coupon.ReadBool("exists"));
        _ = coupon.ReadUInt8("kind");
        _ = coupon.ReadUInt256("value");
        _ = coupon.ReadUInt64("expiry");
        Assert.Equal(UInt256.Zero, coupon.ReadUInt256("usedOnInvoice"));
        Assert.Equal(new UInt256(100), _m.Points(Shop, Customer));
        Assert.Equal((byte)0, _m.Invoice(id).Status);
        Assert.Equal(new UInt256(99_000), _m.Usda(Customer));
        _m.AssertSupplyUnchanged();
    }

    public void Dispose() => _m.Dispose();
}
