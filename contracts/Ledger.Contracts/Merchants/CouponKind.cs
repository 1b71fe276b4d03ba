namespace Ledger.Contracts.Merchants;

/// <summary>How a coupon's value is read (the uint8 <c>kind</c> of <c>createCoupon</c>).</summary>
public enum CouponKind : byte
{
    /// <summary>A share of the invoice amount, in basis points (1–10,000 = 0.01 %–100 %).</summary>
    Percent = 0,

    /// <summary>A fixed amount in base units of the invoice's token, capped at the invoice amount.</summary>
    Fixed = 1,
}
