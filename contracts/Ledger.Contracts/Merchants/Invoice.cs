using System.Buffers.Binary;
using System.Text;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Merchants;

/// <summary>
/// One invoice as stored: merchant(20) ‖ token(20) ‖ amount(32) ‖ paidAmount(32) ‖ payer(20) ‖ status(1) ‖
/// flags(1: accepts coupons) ‖ expiry(8) ‖ paidBlock(8) ‖ refunded(32) ‖ discount(32) ‖ pointsRedeemed(32) ‖ memo (UTF-8).
/// Invariant: refunded ≤ paidAmount = amount − discount; payer and paidBlock are zero exactly while open.
/// </summary>
public sealed record Invoice(
    Address Merchant,
    Address Token,
    UInt256 Amount,
    ulong Expiry,
    string Memo,
    bool AcceptCoupons,
    InvoiceStatus Status = InvoiceStatus.Open,
    Address Payer = default,
    UInt256 PaidAmount = default,
    ulong PaidBlock = 0,
    UInt256 Refunded = default,
    UInt256 Discount = default,
    UInt256 PointsRedeemed = default)
{
    private const int FixedLength = (3 * Address.Length) + (5 * UInt256.Length) + 2 + 16;

    /// <summary>The status a reader sees at <paramref name="nowSeconds"/>: an open invoice past its expiry is expired.</summary>
    public InvoiceStatus StatusAt(ulong nowSeconds) =>
        Status == InvoiceStatus.Open && nowSeconds >= Expiry ? InvoiceStatus.Expired : Status;

    public byte[] Encode()
    {
        var memo = Encoding.UTF8.GetBytes(Memo);
        var bytes = new byte[FixedLength + memo.Length];
        var span = bytes.AsSpan();
        Merchant.WriteTo(span);
        Token.WriteTo(span[20..]);
        Amount.WriteBigEndian(span[40..]);
        PaidAmount.WriteBigEndian(span[72..]);
        Payer.WriteTo(span[104..]);
        span[124] = (byte)Status;
        span[125] = AcceptCoupons ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt64BigEndian(span[126..], Expiry);
        BinaryPrimitives.WriteUInt64BigEndian(span[134..], PaidBlock);
        Refunded.WriteBigEndian(span[142..]);
        Discount.WriteBigEndian(span[174..]);
        PointsRedeemed.WriteBigEndian(span[206..]);
        memo.CopyTo(span[FixedLength..]);
        return bytes;
    }

    public static Invoice Decode(ReadOnlySpan<byte> stored)
    {
        if (stored.Length < FixedLength)
        {
            // Only the Merchant module writes these entries: a shorter one is corrupted state, a bug rather than a revert.
            throw new InvalidOperationException($"stored invoice is {stored.Length} bytes, shorter than {FixedLength}");
        }

        return new Invoice(
            new Address(stored[..20]),
            new Address(stored[20..40]),
            UInt256.FromBigEndian(stored[40..72]),
            BinaryPrimitives.ReadUInt64BigEndian(stored[126..]),
            Encoding.UTF8.GetString(stored[FixedLength..]),
            stored[125] != 0,
            (InvoiceStatus)stored[124],
            new Address(stored[104..124]),
            UInt256.FromBigEndian(stored[72..104]),
            BinaryPrimitives.ReadUInt64BigEndian(stored[134..]),
            UInt256.FromBigEndian(stored[142..174]),
            UInt256.FromBigEndian(stored[174..206]),
            UInt256.FromBigEndian(stored[206..238]));
    }
}
