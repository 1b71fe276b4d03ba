using Ledger.Core.Primitives;
using static Ledger.Contracts.Tests.Merchants.MerchantLedger;

namespace Ledger.Contracts.Tests.Merchants;

/// <summary>
/// <c>payInvoiceExact(id, amount, merchant, points, couponCode)</c>: the chain pays only on the terms the wallet
/// showed and signed, so a node that lies about an invoice's amount, discount or merchant moves no money.
/// </summary>
public sealed class PayExactTests : IDisposable
{
    private const int Shop = 2;
    private const int OtherShop = 3;
    private const int Customer = 4;
    private const byte Fixed = 1;
    private readonly MerchantLedger _m = new();

    [Fact]
    public void The_signed_amount_and_merchant_pay_the_invoice()
    {
        var id = _m.CreateInvoice(Shop, 15_000);

        var receipt = _m.Ok(Customer, PayExact(id, 15_000, Dev(Shop)));

        Assert.Equal(["Transfer", "InvoicePaid"], _m.Ledger.EventNames(receipt));
        Assert.Equal(new UInt256(100_000 - 15_000), _m.Usda(Customer));
        Assert.Equal(new UInt256(100_000 + 15_000), _m.Usda(Shop));
        Assert.Equal(new UInt256(15_000), _m.Invoice(id).PaidAmount);
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void A_higher_invoice_than_signed_is_refused_and_nothing_moves()
    {
        var id = _m.CreateInvoice(Shop, 15_000);

        var reason = _m.Fails(Customer, PayExact(id, 1_500, Dev(Shop)));

        Assert.StartsWith($"invoice #{id} comes to 150.00", reason, StringComparison.Ordinal);
        Assert.Contains("not 15.00", reason, StringComparison.Ordinal);
        Assert.Contains("nothing was paid", reason, StringComparison.Ordinal);
        AssertUnpaid(id);
    }

    [Fact]
    public void A_lower_invoice_than_signed_is_refused_too_so_the_customer_sees_the_real_price()
    {
        var id = _m.CreateInvoice(Shop, 1_500);

        Assert.Contains("comes to 15.00", _m.Fails(Customer, PayExact(id, 15_000, Dev(Shop))), StringComparison.Ordinal);
        AssertUnpaid(id);
    }

    [Fact]
    public void Another_merchant_than_signed_is_refused_and_nothing_moves()
    {
        var id = _m.CreateInvoice(Shop, 15_000);

        var reason = _m.Fails(Customer, PayExact(id, 15_000, Dev(OtherShop)));

        Assert.Equal(
            $"invoice #{id} is payable to {C(Shop)}, not to {C(OtherShop)} as signed; nothing was paid: check the invoice with getInvoice on a node you trust",
            reason);
        AssertUnpaid(id);
        Assert.Equal(MerchantLedger.StartBalance, _m.Usda(OtherShop));
    }

    [Fact]
    public void The_signed_amount_is_after_coupon_and_points_and_a_refusal_spends_neither()
    {
        _m.Ok(Shop, SetLoyalty(10, 1));
        _m.Ok(Customer, Pay(_m.CreateInvoice(Shop, 1_000)));
        _m.Ok(Shop, _m.CreateCoupon("FIVE", Fixed, 500));
        var id = _m.CreateInvoice(Shop, 2_000);
        var pointsBefore = _m.Points(Shop, Customer);
        var balanceBefore = _m.Usda(Customer);

        // 20.00 − 5.00 coupon − 1.00 points = 14.00; signing the undiscounted 20.00 is refused, with coupon and points kept.
        Assert.Contains("comes to 14.00", _m.Fails(Customer, PayExact(id, 2_000, Dev(Shop), 100, "FIVE")), StringComparison.Ordinal);
        Assert.Equal(pointsBefore, _m.Points(Shop, Customer));
        Assert.Equal(balanceBefore, _m.Usda(Customer));
        Assert.Equal((byte)0, _m.Invoice(id).Status);

        _m.Ok(Customer, PayExact(id, 1_400, Dev(Shop), 100, "FIVE"));

        Assert.Equal(new UInt256(1_400), _m.Invoice(id).PaidAmount);
        Assert.Equal(balanceBefore - new UInt256(1_400), _m.Usda(Customer));
        _m.AssertSupplyUnchanged();
    }

    private void AssertUnpaid(UInt256 id)
    {
        Assert.Equal((byte)0, _m.Invoice(id).Status);
        Assert.Equal(MerchantLedger.StartBalance, _m.Usda(Customer));
        Assert.Equal(MerchantLedger.StartBalance, _m.Usda(Shop));
        _m.AssertSupplyUnchanged();
    }

    public void Dispose() => _m.Dispose();
}
