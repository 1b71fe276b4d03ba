using Ledger.Api.V1;
using Ledger.Core.Chain;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Node.Api;
using Ledger.Wallet.Client;

namespace Ledger.Wallet.Tests;

/// <summary>
/// What a history line says it was: the origin read from a transaction and its receipt (module, function,
/// reference, the code gRPC and --rpc share) and the plain words the table prints for it.
/// </summary>
public sealed class HistoryKindsTests
{
    private const string Zero = "0x0000000000000000000000000000000000000000";
    private static readonly Address Merchant = Address.Parse("0x1000000000000000000000000000000000000004");
    private static readonly Address Settlement = Address.Parse("0x1000000000000000000000000000000000000003");
    private static readonly Token Usda = new() { Symbol = "USDA", Currency = "USD", Decimals = 2, Address = "0x2000000000000000000000000000000000000001" };

    private const string MerchantAbi = """
        [
          {"type":"function","name":"payInvoice","inputs":[{"name":"id","type":"uint256"},{"name":"couponCode","type":"string"}]},
          {"type":"function","name":"refund","inputs":[{"name":"id","type":"uint256"},{"name":"amount","type":"uint256"}]},
          {"type":"event","name":"CouponUsed","inputs":[
            {"name":"merchant","type":"address","indexed":true},{"name":"codeHash","type":"bytes32","indexed":true},
            {"name":"invoiceId","type":"uint256","indexed":true},{"name":"customer","type":"address","indexed":false},
            {"name":"discount","type":"uint256","indexed":false}]},
          {"type":"event","name":"InvoicePaid","inputs":[
            {"name":"id","type":"uint256","indexed":true},{"name":"payer","type":"address","indexed":true},
            {"name":"merchant","type":"address","indexed":true},{"name":"paid","type":"uint256","indexed":false}]}
        ]
        """;

    private const string SettlementAbi = """
        [
          {"type":"function","name":"settle","inputs":[{"name":"quote","type":"tuple","components":[{"name":"payer","type":"address"},{"name":"amount","type":"uint256"}]},{"name":"signature","type":"bytes"}]},
          {"type":"event","name":"FxSettled","inputs":[
            {"name":"quoteHash","type":"bytes32","indexed":true},{"name":"payer","type":"address","indexed":true},
            {"name":"beneficiary","type":"address","indexed":true}]}
        ]
        """;

    private static ModuleAbiCatalog Catalog => new([("Merchant", Merchant, MerchantAbi), ("Settlement", Settlement, SettlementAbi)]);

    [Fact]
    public void Invoice_payment_is_named_by_the_invoice_id_not_by_the_coupon_event_that_came_first()
    {
        var codeHash = Hash32.Parse("0x" + new string('c', 64));
        var couponUsed = new LogEntry(Merchant, [AbiTopic.OfEvent("CouponUsed(address,bytes32,uint256,address,uint256)"), AbiTopic.FromAddress(Merchant), codeHash, AbiTopic.FromUInt256(new UInt256(7))], []);
        var invoicePaid = new LogEntry(Merchant, [AbiTopic.OfEvent("InvoicePaid(uint256,address,address,uint256)"), AbiTopic.FromUInt256(new UInt256(7)), AbiTopic.FromAddress(Merchant), AbiTopic.FromAddress(Merchant)], []);

        var origin = TransferOrigin.Of(Catalog, Merchant, Call("payInvoice(uint256,string)"), [couponUsed, invoicePaid]);

        Assert.Equal(new TransferOrigin("Merchant", "payInvoice", "7"), origin);
        Assert.Equal("invoice #7 payment", HistoryKinds.Describe(Entry(origin, TransferDirection.Sent)));
    }

    [Fact]
    public void Fx_settlement_reads_its_tuple_selector_and_quote_hash()
    {
        var quoteHash = Hash32.Parse("0x" + new string('a', 64));
        var settled = new LogEntry(Settlement, [AbiTopic.OfEvent("FxSettled(bytes32,address,address)"), quoteHash, AbiTopic.FromAddress(Merchant), AbiTopic.FromAddress(Merchant)], []);

        var origin = TransferOrigin.Of(Catalog, Settlement, Call("settle((address,uint256),bytes)"), [settled]);

        Assert.Equal(new TransferOrigin("Settlement", "settle", quoteHash.ToString()), origin);
        Assert.Equal("FX settlement", HistoryKinds.Describe(Entry(origin, TransferDirection.Received)));
    }

    [Fact]
    public void A_call_to_no_module_or_to_an_unknown_selector_stays_a_plain_transfer()
    {
        var unknownTarget = TransferOrigin.Of(Catalog, Address.Parse("0x3000000000000000000000000000000000000009"), Call("payInvoice(uint256,string)"), []);
        var unknownSelector = TransferOrigin.Of(Catalog, Merchant, [0xde, 0xad, 0xbe, 0xef], []);

        Assert.Equal(TransferOrigin.Unknown, unknownTarget);
        Assert.Equal(new TransferOrigin("Merchant", "0xdeadbeef", string.Empty), unknownSelector);
        Assert.Equal("transfer", HistoryKinds.Describe(Entry(unknownTarget, TransferDirection.Sent)));
    }

    [Fact]
    public void An_unreadable_abi_costs_only_the_function_names()
    {
        var catalog = new ModuleAbiCatalog([("Merchant", Merchant, "not json")]);

        Assert.Equal(new TransferOrigin("Merchant", "0xdeadbeef", string.Empty), TransferOrigin.Of(catalog, Merchant, [0xde, 0xad, 0xbe, 0xef, 0], []));
    }

    [Theory]
    [InlineData("Merchant", "refund", "7", "invoice #7 refund")]
    [InlineData("Settlement", "openEscrow", "3", "escrow #3 lock")]
    [InlineData("Settlement", "approveEscrow", "3", "escrow #3 release")]
    [InlineData("Settlement", "rejectEscrow", "3", "escrow #3 returned")]
    [InlineData("Settlement", "reclaimEscrow", "3", "escrow #3 returned")]
    [InlineData("Settlement", "lockHtlc", "2", "HTLC #2 lock")]
    [InlineData("Settlement", "claimHtlc", "2", "HTLC #2 claim")]
    [InlineData("Settlement", "refundHtlc", "2", "HTLC #2 refund")]
    [InlineData("DepositToken:USDA", "transfer", "", "transfer")]
    [InlineData("DepositToken:USDA", "forcedTransfer", "0x01", "forced transfer")]
    [InlineData("Directory", "pay", "", "Directory.pay")]
    [InlineData("", "", "", "transfer")]
    public void Module_calls_read_as_plain_words(string module, string function, string reference, string expected) =>
        Assert.Equal(expected, HistoryKinds.Describe(module, function, reference));

    [Fact]
    public void Mint_burn_and_held_transfers_are_told_by_the_addresses_involved()
    {
        var token = new TransferOrigin("DepositToken:USDA", "transfer", string.Empty);

        Assert.Equal("mint", HistoryKinds.Describe(Entry(token with { Function = "mint" }, TransferDirection.Received, from: Zero)));
        Assert.Equal("burn", HistoryKinds.Describe(Entry(token with { Function = "burn" }, TransferDirection.Sent, to: Zero)));
        Assert.Equal("redemption", HistoryKinds.Describe(Entry(token with { Function = "redeem" }, TransferDirection.Sent, to: Zero)));
        Assert.Equal("held for guardian", HistoryKinds.Describe(Entry(token, TransferDirection.Sent, to: Usda.Address)));
        Assert.Equal("held transfer released", HistoryKinds.Describe(Entry(token with { Function = "approveHeldTransfer" }, TransferDirection.Received, from: Usda.Address)));
        Assert.Equal("held transfer returned", HistoryKinds.Describe(Entry(token with { Function = "cancelHeldTransfer" }, TransferDirection.Received, from: Usda.Address)));
    }

    private static byte[] Call(string signature) => [.. AbiSelector.BytesOf(signature), .. new byte[64]];

    private static HistoryEntry Entry(TransferOrigin origin, TransferDirection direction, string from = "0x00000000000000000000000000000000000000a1", string to = "0x00000000000000000000000000000000000000b2") => new()
    {
        Token = Usda,
        From = from,
        To = to,
        Amount = "100",
        Direction = direction,
        Module = origin.Module,
        Function = origin.Function,
        Reference = origin.Reference,
    };
}
