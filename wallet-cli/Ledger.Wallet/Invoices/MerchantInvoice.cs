using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Wallet.Invoices;

/// <summary>An invoice as the Merchant module's <c>getInvoice(id)</c> returns it.</summary>
public sealed record MerchantInvoice(
    ulong Id,
    Address Merchant,
    Address Token,
    UInt256 Amount,
    UInt256 PaidAmount,
    Address Payer,
    byte Status,
    ulong Expiry,
    string Memo,
    UInt256 Refunded,
    UInt256 Discount,
    UInt256 PointsRedeemed,
    ulong PaidBlock,
    bool AcceptCoupons)
{
    public const byte Open = 0;

    public string StatusText => Status switch
    {
        0 => "open",
        1 => "paid",
        2 => "partially refunded",
        3 => "refunded",
        4 => "expired",
        _ => "unknown",
    };

    public static MerchantInvoice Decode(ulong id, ReadOnlySpan<byte> output)
    {
        var reader = new AbiReader(output, "getInvoice");
        return new MerchantInvoice(
            id,
            reader.ReadAddress("merchant"),
            reader.ReadAddress("token"),
            reader.ReadUInt256("amount"),
            reader.ReadUInt256("paidAmount"),
            reader.ReadAddress("payer"),
            reader.ReadUInt8("status"),
            reader.ReadUInt64("expiry"),
            reader.ReadString("memo"),
            reader.ReadUInt256("refunded"),
            reader.ReadUInt256("discount"),
            reader.ReadUInt256("pointsRedeemed"),
            reader.ReadUInt64("paidBlock"),
            reader.ReadBool("acceptCoupons"));
    }
}
