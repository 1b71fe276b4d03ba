using Ledger.Core.Primitives;

namespace Ledger.Contracts.Merchants;

/// <summary>
/// The Merchant module's storage layout, one tag byte then the fields:
/// 0x01 → last invoice id; 0x02 ‖ id(32) → <see cref="Invoice"/>; 0x03 ‖ merchant ‖ customer → points;
/// 0x04 ‖ merchant → loyalty programme (pointsPerUnit(32) ‖ pointValue(32)); 0x05 ‖ merchant ‖ codeHash(32) → <see cref="Coupon"/>.
/// </summary>
public static class MerchantStorage
{
    public const byte InvoiceCountTag = 0x01;
    public const byte InvoiceTag = 0x02;
    public const byte PointsTag = 0x03;
    public const byte LoyaltyTag = 0x04;
    public const byte CouponTag = 0x05;

    public static byte[] InvoiceKey(UInt256 id)
    {
        var key = new byte[1 + UInt256.Length];
        key[0] = InvoiceTag;
        id.WriteBigEndian(key.AsSpan(1));
        return key;
    }

    public static byte[] CouponKey(Address merchant, Hash32 codeHash)
    {
        var key = new byte[1 + Address.Length + Hash32.Length];
        key[0] = CouponTag;
        merchant.WriteTo(key.AsSpan(1));
        codeHash.WriteTo(key.AsSpan(1 + Address.Length));
        return key;
    }
}
