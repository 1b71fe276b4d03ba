using System.Globalization;
using System.Text;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Merchants;

/// <summary>Creating and reading invoices, and the EIP-681 URI a QR code carries.</summary>
public sealed partial class MerchantModule
{
    private byte[] CreateInvoice(IModuleContext context, ref AbiReader args, bool withCouponFlag)
    {
        var tokenAddress = args.ReadAddress("token");
        var amount = args.ReadUInt256("amount");
        var expiry = args.ReadUInt64("expiry");
        var memo = args.ReadString("memo");
        var acceptCoupons = !withCouponFlag || args.ReadBool("acceptCoupons");

        var merchant = context.Caller;
        RequireVerified(context, merchant, "create invoices");
        var token = RequireToken(tokenAddress);
        Require(!amount.IsZero, "an invoice amount must be above zero");
        var now = NowSeconds(context);
        if (expiry <= now)
        {
            throw Revert($"invoice expiry {FormatTime(expiry)} is not after the current block time {FormatTime(now)}");
        }

        var memoBytes = Encoding.UTF8.GetByteCount(memo);
        Require(memoBytes <= MaxMemoBytes, $"memo is {memoBytes} bytes of UTF-8; an invoice memo holds at most {MaxMemoBytes}");

        // Ids are sequential from 1, so 0 can mean "none" (a coupon's usedOnInvoice, an unset id in a client).
        var last = context.GetUInt256(MerchantStorage.InvoiceCountTag);
        if (!UInt256.TryAdd(last, UInt256.One, out var id))
        {
            throw Revert("invoice ids are exhausted");
        }

        context.SetUInt256(MerchantStorage.InvoiceCountTag, id);
        StoreInvoice(context, id, new Invoice(merchant, token.Address, amount, expiry, memo, acceptCoupons));
        Emit(
            context,
            _invoiceCreated,
            new AbiWriter(4).WriteUInt256(amount).WriteUInt64(expiry).WriteString(memo).ToArray(),
            AbiTopic.FromUInt256(id),
            AbiTopic.FromAddress(merchant),
            AbiTopic.FromAddress(token.Address));
        return AbiWriter.EncodeUInt256(id);
    }

    private byte[] GetInvoice(IModuleContext context, ref AbiReader args)
    {
        var id = args.ReadUInt256("id");
        var invoice = LoadInvoice(context, id);
        return new AbiWriter(14)
            .WriteAddress(invoice.Merchant)
            .WriteAddress(invoice.Token)
            .WriteUInt256(invoice.Amount)
            .WriteUInt256(invoice.PaidAmount)
            .WriteAddress(invoice.Payer)
            .WriteUInt8((byte)invoice.StatusAt(NowSeconds(context)))
            .WriteUInt64(invoice.Expiry)
            .WriteString(invoice.Memo)
            .WriteUInt256(invoice.Refunded)
            .WriteUInt256(invoice.Discount)
            .WriteUInt256(invoice.PointsRedeemed)
            .WriteUInt64(invoice.PaidBlock)
            .WriteBool(invoice.AcceptCoupons)
            .ToArray();
    }

    /// <summary>
    /// EIP-681 function-call form: <c>ethereum:&lt;module&gt;@&lt;chainId&gt;/payInvoice?uint256=&lt;id&gt;</c>. The target
    /// is this module (in checksum form), the function is <c>payInvoice(uint256)</c> with the id as its one unnamed
    /// argument; no value is sent. The amount is not in the URI on purpose: the wallet reads it from
    /// <c>getInvoice</c>, so a tampered QR code cannot change what the customer is shown.
    /// </summary>
    private byte[] PaymentUri(IModuleContext context, ref AbiReader args)
    {
        var id = args.ReadUInt256("id");
        _ = LoadInvoice(context, id);
        return AbiWriter.EncodeString(FormatPaymentUri(Address, context.ChainId, id));
    }

    /// <summary>The EIP-681 URI that pays invoice <paramref name="id"/> on the Merchant module at <paramref name="module"/>.</summary>
    public static string FormatPaymentUri(Address module, ulong chainId, UInt256 id) =>
        string.Create(CultureInfo.InvariantCulture, $"ethereum:{module.ToChecksumString()}@{chainId}/payInvoice?uint256={id}");

    private static Invoice LoadInvoice(IModuleContext context, UInt256 id)
    {
        var stored = context.GetStorage(context.Self, MerchantStorage.InvoiceKey(id));
        if (stored is null)
        {
            var count = context.GetUInt256(MerchantStorage.InvoiceCountTag);
            throw Revert(count.IsZero
                ? $"invoice #{id} does not exist: no invoice has been created yet"
                : $"invoice #{id} does not exist: invoice ids run from 1 to {count}");
        }

        return Invoice.Decode(stored);
    }

    private static void StoreInvoice(IModuleContext context, UInt256 id, Invoice invoice) =>
        context.SetStorage(MerchantStorage.InvoiceKey(id), invoice.Encode());
}
