using System.Text;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Merchants;

/// <summary>
/// Coupons: single-use codes of one merchant, stored only as keccak256(code). The code is revealed in the payment
/// that uses it, which marks it used in the same transaction, so a revealed code is already spent.
/// </summary>
public sealed partial class MerchantModule
{
    private byte[] CreateCoupon(IModuleContext context, ref AbiReader args)
    {
        var codeHash = new Hash32(args.ReadBytes32("codeHash"));
        var kindByte = args.ReadUInt8("kind");
        var value = args.ReadUInt256("value");
        var expiry = args.ReadUInt64("expiry");
        var merchant = context.Caller;
        RequireVerified(context, merchant, "create coupons");
        Require(!codeHash.IsZero, "codeHash is zero; pass keccak256 of the coupon code's UTF-8 bytes");
        var kind = kindByte switch
        {
            (byte)CouponKind.Percent => CouponKind.Percent,
            (byte)CouponKind.Fixed => CouponKind.Fixed,
            _ => throw Revert($"coupon kind {kindByte} is not defined: use 0 (percentage, value in basis points) or 1 (fixed, value in base units)"),
        };
        if (kind == CouponKind.Percent)
        {
            Require(
                !value.IsZero && value <= Coupon.FullPercent,
                $"a percentage coupon's value is in basis points from 1 to {Coupon.FullPercent} (0.01 % to 100 %), got {value}");
        }
        else
        {
            Require(!value.IsZero, "a fixed coupon's value must be above zero (base units of the invoice's token)");
        }

        var now = NowSeconds(context);
        if (expiry <= now)
        {
            throw Revert($"coupon expiry {FormatTime(expiry)} is not after the current block time {FormatTime(now)}");
        }

        var key = MerchantStorage.CouponKey(merchant, codeHash);
        if (context.GetStorage(context.Self, key) is not null)
        {
            throw Revert($"merchant {merchant.ToChecksumString()} already created coupon {codeHash}; every code is single-use, pick a new one");
        }

        context.SetStorage(key, new Coupon(kind, value, expiry, UInt256.Zero).Encode());
        Emit(
            context,
            _couponCreated,
            new AbiWriter(3).WriteUInt8((byte)kind).WriteUInt256(value).WriteUInt64(expiry).ToArray(),
            AbiTopic.FromAddress(merchant),
            codeHash);
        return [];
    }

    private static byte[] GetCoupon(IModuleContext context, ref AbiReader args)
    {
        var merchant = args.ReadAddress("merchant");
        var codeHash = new Hash32(args.ReadBytes32("codeHash"));
        var stored = context.GetStorage(context.Self, MerchantStorage.CouponKey(merchant, codeHash));
        var writer = new AbiWriter(5);
        if (stored is null)
        {
            return writer.WriteBool(false).WriteUInt8(0).WriteUInt256(UInt256.Zero).WriteUInt64(0).WriteUInt256(UInt256.Zero).ToArray();
        }

        var coupon = Coupon.Decode(stored);
        return writer.WriteBool(true).WriteUInt8((byte)coupon.Kind).WriteUInt256(coupon.Value).WriteUInt64(coupon.Expiry).WriteUInt256(coupon.UsedOnInvoice).ToArray();
    }

    /// <summary>Marks the coupon <paramref name="code"/> used on invoice <paramref name="id"/>; returns its discount on <paramref name="due"/>.</summary>
    private UInt256 ApplyCoupon(IModuleContext context, Invoice invoice, UInt256 id, string code, Address customer, UInt256 due)
    {
        if (!invoice.AcceptCoupons)
        {
            throw Revert($"invoice #{id} does not accept coupons; pay it without a coupon code");
        }

        var codeBytes = Encoding.UTF8.GetBytes(code);
        Require(codeBytes.Length <= MaxCouponCodeBytes, $"coupon code is {codeBytes.Length} bytes; codes are at most {MaxCouponCodeBytes}");
        var codeHash = Keccak256.Hash(codeBytes);
        var key = MerchantStorage.CouponKey(invoice.Merchant, codeHash);
        var stored = context.GetStorage(context.Self, key)
            ?? throw Revert(
                $"coupon \"{code}\" is not a coupon of merchant {invoice.Merchant.ToChecksumString()}: the code is unknown, or another merchant's " +
                "(a coupon applies only at the merchant that created it)");
        var coupon = Coupon.Decode(stored);
        if (coupon.IsUsed)
        {
            throw Revert($"coupon \"{code}\" was already used on invoice #{coupon.UsedOnInvoice}; coupons are single-use");
        }

        var now = NowSeconds(context);
        if (now >= coupon.Expiry)
        {
            throw Revert($"coupon \"{code}\" expired at {FormatTime(coupon.Expiry)} (block time {FormatTime(now)})");
        }

        var discount = coupon.DiscountOn(due);
        context.SetStorage(key, (coupon with { UsedOnInvoice = id }).Encode());
        Emit(
            context,
            _couponUsed,
            new AbiWriter(2).WriteAddress(customer).WriteUInt256(discount).ToArray(),
            AbiTopic.FromAddress(invoice.Merchant),
            codeHash,
            AbiTopic.FromUInt256(id));
        return discount;
    }
}
