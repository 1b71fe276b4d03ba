using System.Buffers.Binary;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Merchants;

/// <summary>
/// One coupon of one merchant, stored under its code's hash: kind(1) ‖ expiry(8) ‖ value(32) ‖ usedOnInvoice(32).
/// The code itself is never stored; it appears on the ledger only in the payment that uses it, which spends it.
/// </summary>
public sealed record Coupon(CouponKind Kind, UInt256 Value, ulong Expiry, UInt256 UsedOnInvoice)
{
    private const int EncodedLength = 1 + 8 + (2 * UInt256.Length);

    /// <summary>Basis points in a whole (100 %).</summary>
    public const ulong FullPercent = 10_000;

    public bool IsUsed => !UsedOnInvoice.IsZero;

    /// <summary>The discount this coupon gives on <paramref name="amount"/>: never more than the amount itself.</summary>
    public UInt256 DiscountOn(UInt256 amount)
    {
        if (Kind == CouponKind.Fixed)
        {
            return Value < amount ? Value : amount;
        }

        // value ≤ 10,000 (checked at creation), so amount × value / 10,000 ≤ amount: no overflow in the result.
        var discount = amount.ToBigInteger() * Value.ToBigInteger() / FullPercent;
        return UInt256.FromBigInteger(discount);
    }

    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        bytes[0] = (byte)Kind;
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(1), Expiry);
        Value.WriteBigEndian(bytes.AsSpan(9));
        UsedOnInvoice.WriteBigEndian(bytes.AsSpan(41));
        return bytes;
    }

    public static Coupon Decode(ReadOnlySpan<byte> stored)
    {
        if (stored.Length != EncodedLength)
        {
            throw new InvalidOperationException($"stored coupon is {stored.Length} bytes, not {EncodedLength}");
        }

        return new Coupon(
            (CouponKind)stored[0],
            UInt256.FromBigEndian(stored[9..41]),
            BinaryPrimitives.ReadUInt64BigEndian(stored[1..]),
            UInt256.FromBigEndian(stored[41..73]));
    }
}
