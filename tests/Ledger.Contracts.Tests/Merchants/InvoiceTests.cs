using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using static Ledger.Contracts.Tests.Merchants.MerchantLedger;

namespace Ledger.Contracts.Tests.Merchants;

/// <summary>Invoices end to end through the Merchant ABI: create, pay once, refund in parts, expire.</summary>
public sealed class InvoiceTests : IDisposable
{
    private const int Shop = 2;
    private const int Customer = 4;
    private readonly MerchantLedger _m = new();

    [Fact]
    public void Paying_an_invoice_moves_its_amount_from_the_signer_to_the_merchant_without_an_approve()
    {
        var id = _m.CreateInvoice(Shop, 15_000, memo: "order 7: two coffees");

        var receipt = _m.Ok(Customer, Pay(id));

        Assert.Equal(new UInt256(100_000 - 15_000), _m.Usda(Customer));
        Assert.Equal(new UInt256(100_000 + 15_000), _m.Usda(Shop));
        Assert.Equal(["Transfer", "InvoicePaid"], _m.Ledger.EventNames(receipt));
        var invoice = _m.Invoice(id);
        Assert.Equal((byte)1, invoice.Status);
        Assert.Equal(Dev(Customer), invoice.Payer);
        Assert.Equal(Dev(Shop), invoice.Merchant);
        Assert.Equal(new UInt256(15_000), invoice.PaidAmount);
        Assert.Equal(_m.Ledger.Chain.Head.Header.Number, invoice.PaidBlock);
        Assert.Equal("order 7: two coffees", invoice.Memo);
        Assert.True(invoice.AcceptCoupons);
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void A_new_invoice_is_open_and_its_creation_is_announced()
    {
        var before = _m.Ledger.UInt256View(MerchantLedger.Module, "invoiceCount()");
        var expiry = _m.InAnHour;

        var id = _m.CreateInvoice(Shop, 2_500, TestGenesis.Eurb, expiry, "table 4", acceptCoupons: false);

        Assert.Equal(before + UInt256.One, id);
        Assert.Equal(id, _m.Ledger.UInt256View(MerchantLedger.Module, "invoiceCount()"));
        var invoice = _m.Invoice(id);
        Assert.Equal((byte)0, invoice.Status);
        Assert.Equal(TestGenesis.Eurb, invoice.Token);
        Assert.Equal(new UInt256(2_500), invoice.Amount);
        Assert.Equal(expiry, invoice.Expiry);
        Assert.Equal(Address.Zero, invoice.Payer);
        Assert.False(invoice.AcceptCoupons);
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void A_second_payment_reverts_naming_the_block_of_the_first_and_moves_nothing()
    {
        var id = _m.CreateInvoice(Shop, 15_000);
        _m.Ok(Customer, Pay(id));
        var paidBlock = _m.Ledger.Chain.Head.Header.Number;

        var again = _m.Fails(Customer, Pay(id));
        var byOther = _m.Fails(0, Pay(id));

        Assert.Equal($"invoice #{id} was already paid at block {paidBlock} by {C(Customer)}; an invoice is paid once, a second payment is refused", again);
        Assert.Equal(again, byOther);
        Assert.Equal(new UInt256(85_000), _m.Usda(Customer));
        Assert.Equal(new UInt256(100_000), _m.Usda(0));
        Assert.Equal(new UInt256(115_000), _m.Usda(Shop));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void An_expired_invoice_cannot_be_paid_and_reads_as_expired()
    {
        var expiry = _m.InAnHour;
        var id = _m.CreateInvoice(Shop, 15_000, expiry: expiry);
        _m.Ledger.AdvanceTime(TimeSpan.FromHours(2));

        var reason = _m.Fails(Customer, Pay(id));

        Assert.StartsWith($"invoice #{id} expired at {expiry} (", reason);
        Assert.Contains("ask the merchant for a new invoice", reason);
        Assert.Equal((byte)4, _m.Invoice(id).Status);
        Assert.Equal(MerchantLedger.StartBalance, _m.Usda(Customer));
        Assert.Equal(MerchantLedger.StartBalance, _m.Usda(Shop));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void Invoice_creation_refuses_bad_input_in_plain_words()
    {
        var now = (_m.Ledger.TimestampMs / 1000) + 1;
        Assert.Equal("an invoice amount must be above zero", _m.Fails(Shop, Calls.Encode("createInvoice(address,uint256,uint64,string)", TestGenesis.Usda, 0UL, _m.InAnHour, "")));
        Assert.StartsWith(
            $"{C(9)} is not a deposit token of this ledger; invoices are priced in one of: USDA ",
            _m.Fails(Shop, Calls.Encode("createInvoice(address,uint256,uint64,string)", Dev(9), 100UL, _m.InAnHour, "")));
        Assert.StartsWith(
            $"invoice expiry {now} (",
            _m.Fails(Shop, Calls.Encode("createInvoice(address,uint256,uint64,string)", TestGenesis.Usda, 100UL, now, "")));
        Assert.Equal(
            "memo is 201 bytes of UTF-8; an invoice memo holds at most 200",
            _m.Fails(Shop, Calls.Encode("createInvoice(address,uint256,uint64,string)", TestGenesis.Usda, 100UL, _m.InAnHour, new string('x', 201))));
        Assert.Equal(
            $"caller {C(7)} is not a registered (KYC-verified) account; only a verified account may create invoices",
            _m.Fails(7, Calls.Encode("createInvoice(address,uint256,uint64,string)", TestGenesis.Usda, 100UL, _m.InAnHour, "")));
        Assert.Equal(UInt256.Zero, _m.Ledger.UInt256View(MerchantLedger.Module, "invoiceCount()"));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void Unknown_invoices_and_paying_ones_own_invoice_are_refused()
    {
        Assert.Equal("invoice #5 does not exist: no invoice has been created yet", _m.Fails(Customer, Pay(5)));
        var id = _m.CreateInvoice(Shop, 1_000);
        Assert.Equal($"invoice #{id + UInt256.One} does not exist: invoice ids run from 1 to {id}", _m.Fails(Customer, Pay(id + UInt256.One)));
        Assert.Equal($"{C(Shop)} is the merchant of invoice #{id}; a merchant cannot pay its own invoice", _m.Fails(Shop, Pay(id)));
        Assert.Equal(
            $"caller {C(7)} is not a registered (KYC-verified) account; only a verified account may pay an invoice",
            _m.Fails(7, Pay(id)));
        Assert.Equal((byte)0, _m.Invoice(id).Status);
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void Partial_refunds_add_up_to_the_paid_amount_and_no_further()
    {
        var id = _m.CreateInvoice(Shop, 15_000);
        _m.Ok(Customer, Pay(id));

        var first = _m.Ok(Shop, Refund(id, 5_000));
        Assert.Equal(["Transfer", "InvoiceRefunded"], _m.Ledger.EventNames(first));
        Assert.Equal((byte)2, _m.Invoice(id).Status);
        Assert.Equal(new UInt256(90_000), _m.Usda(Customer));
        Assert.Equal(new UInt256(110_000), _m.Usda(Shop));

        Assert.Equal(
            $"refund of 100.01 USDA exceeds the 100.00 USDA still refundable on invoice #{id} (paid 150.00 USDA, refunded 50.00 USDA so far)",
            _m.Fails(Shop, Refund(id, 10_001)));

        _m.Ok(Shop, Refund(id, 10_000));
        var invoice = _m.Invoice(id);
        Assert.Equal((byte)3, invoice.Status);
        Assert.Equal(new UInt256(15_000), invoice.Refunded);
        Assert.Equal($"invoice #{id} was already refunded in full (150.00 USDA)", _m.Fails(Shop, Refund(id, 1)));
        Assert.Equal(MerchantLedger.StartBalance, _m.Usda(Customer));
        Assert.Equal(MerchantLedger.StartBalance, _m.Usda(Shop));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void Only_the_merchant_refunds_and_only_a_paid_invoice()
    {
        var id = _m.CreateInvoice(Shop, 15_000);
        Assert.Equal($"invoice #{id} has not been paid; there is nothing to refund", _m.Fails(Shop, Refund(id, 1)));
        _m.Ok(Customer, Pay(id));

        Assert.Equal(
            $"only the merchant {C(Shop)} of invoice #{id} may refund it; the caller is {C(Customer)}",
            _m.Fails(Customer, Refund(id, 15_000)));
        Assert.Equal("a refund amount must be above zero", _m.Fails(Shop, Refund(id, 0)));
        Assert.Equal(new UInt256(85_000), _m.Usda(Customer));
        Assert.Equal(new UInt256(115_000), _m.Usda(Shop));
        Assert.Equal((byte)1, _m.Invoice(id).Status);
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void A_frozen_payer_cannot_pay_and_the_invoice_stays_open()
    {
        var id = _m.CreateInvoice(Shop, 15_000);
        _m.Ledger.Ok(15, TestGenesis.Compliance, Calls.Encode("freezeAccount(address,string)", Dev(Customer), "case 42"));

        var reason = _m.Fails(Customer, Pay(id));

        Assert.StartsWith($"paying invoice #{id} (150.00 USDA to {C(Shop)}) failed: ", reason);
        Assert.Contains("frozen", reason);
        Assert.Equal((byte)0, _m.Invoice(id).Status);
        Assert.Equal(MerchantLedger.StartBalance, _m.Usda(Customer));
        Assert.Equal(MerchantLedger.StartBalance, _m.Usda(Shop));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void A_payment_that_would_wait_for_a_guardian_is_refused_up_front()
    {
        _m.Ledger.Ok(Customer, TestGenesis.Usda, Calls.Encode("setGuardian(address,uint256)", Dev(0), 10_000UL));
        var id = _m.CreateInvoice(Shop, 15_000);

        var reason = _m.Fails(Customer, Pay(id));

        Assert.StartsWith($"invoice #{id} cannot be paid: the payment would be held for guardian approval", reason);
        Assert.Equal((byte)0, _m.Invoice(id).Status);
        Assert.Equal(MerchantLedger.StartBalance, _m.Usda(Customer));
        Assert.Equal(MerchantLedger.StartBalance, _m.Usda(Shop));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void A_cross_border_payment_on_an_open_corridor_goes_through()
    {
        // Dev 3 is a Bank B customer in DE; the shop is a Bank A customer in the US; US–DE is open.
        var id = _m.CreateInvoice(Shop, 4_200, TestGenesis.Eurb);

        _m.Ok(3, Pay(id));

        Assert.Equal(new UInt256(100_000 - 4_200), _m.Ledger.BalanceOf(TestGenesis.Eurb, Dev(3)));
        Assert.Equal(new UInt256(100_000 + 4_200), _m.Ledger.BalanceOf(TestGenesis.Eurb, Dev(Shop)));
        _m.AssertSupplyUnchanged();
    }

    [Fact]
    public void The_payment_uri_is_the_eip_681_call_of_payInvoice_on_this_module()
    {
        var id = _m.CreateInvoice(Shop, 15_000);

        var uri = new AbiReader(_m.Ledger.View(MerchantLedger.Module, Calls.Encode("paymentUri(uint256)", id)), "paymentUri").ReadString("uri");

        Assert.Equal($"ethereum:{TestGenesis.Merchant.ToChecksumString()}@{TestGenesis.ChainId}/payInvoice?uint256={id}", uri);
        Assert.False(_m.Ledger.Call(MerchantLedger.Module, Calls.Encode("paymentUri(uint256)", id + UInt256.One)).Success);
    }

    public void Dispose() => _m.Dispose();
}
