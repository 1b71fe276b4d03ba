using System.Numerics;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Merchants;

/// <summary>
/// Loyalty points: a non-transferable balance per (merchant, customer) in this module's storage. A payment of
/// <c>paid</c> base units earns <c>paid × pointsPerUnit / 10^decimals</c> points (rounded down); a point redeemed
/// at the same merchant is worth <c>pointValue</c> base units of the invoice's token.
/// </summary>
public sealed partial class MerchantModule
{
    private const int ProgrammeLength = 2 * UInt256.Length;

    private byte[] SetLoyalty(IModuleContext context, ref AbiReader args)
    {
        var pointsPerUnit = args.ReadUInt256("pointsPerUnit");
        var pointValue = args.ReadUInt256("pointValue");
        var merchant = context.Caller;
        RequireVerified(context, merchant, "run a loyalty programme");

        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, MerchantStorage.LoyaltyTag, merchant);
        if (pointsPerUnit.IsZero && pointValue.IsZero)
        {
            context.SetStorage(key, []);
        }
        else
        {
            Span<byte> value = stackalloc byte[ProgrammeLength];
            pointsPerUnit.WriteBigEndian(value);
            pointValue.WriteBigEndian(value[UInt256.Length..]);
            context.SetStorage(key, value);
        }

        Emit(context, _loyaltyProgramSet, new AbiWriter(2).WriteUInt256(pointsPerUnit).WriteUInt256(pointValue).ToArray(), AbiTopic.FromAddress(merchant));
        return [];
    }

    private static byte[] LoyaltyOf(IModuleContext context, ref AbiReader args)
    {
        var (pointsPerUnit, pointValue) = Programme(context, args.ReadAddress("merchant"));
        return new AbiWriter(2).WriteUInt256(pointsPerUnit).WriteUInt256(pointValue).ToArray();
    }

    private static byte[] PointsOf(IModuleContext context, ref AbiReader args)
    {
        var merchant = args.ReadAddress("merchant");
        var customer = args.ReadAddress("customer");
        return AbiWriter.EncodeUInt256(context.GetUInt256(MerchantStorage.PointsTag, merchant, customer));
    }

    private static (UInt256 PointsPerUnit, UInt256 PointValue) Programme(IModuleContext context, Address merchant)
    {
        Span<byte> key = stackalloc byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, MerchantStorage.LoyaltyTag, merchant);
        var stored = context.GetStorage(context.Self, key);
        if (stored is null)
        {
            return (UInt256.Zero, UInt256.Zero);
        }

        if (stored.Length != ProgrammeLength)
        {
            throw new InvalidOperationException($"stored loyalty programme is {stored.Length} bytes, not {ProgrammeLength}");
        }

        return (UInt256.FromBigEndian(stored.AsSpan(0, UInt256.Length)), UInt256.FromBigEndian(stored.AsSpan(UInt256.Length)));
    }

    /// <summary>The points a payment of <paramref name="paid"/> earns at <paramref name="merchant"/>.</summary>
    private static UInt256 PointsEarnedOn(IModuleContext context, Address merchant, TokenInfo token, UInt256 paid)
    {
        var (pointsPerUnit, _) = Programme(context, merchant);
        if (pointsPerUnit.IsZero || paid.IsZero)
        {
            return UInt256.Zero;
        }

        var earned = paid.ToBigInteger() * pointsPerUnit.ToBigInteger() / BigInteger.Pow(10, token.Decimals);
        if (!UInt256.TryFromBigInteger(earned, out var points))
        {
            throw Revert($"the points earned on {token.Format(paid)} at {pointsPerUnit} points per unit overflow uint256; the merchant must lower pointsPerUnit");
        }

        return points;
    }

    private void CreditPoints(IModuleContext context, Address merchant, Address customer, UInt256 invoiceId, UInt256 points)
    {
        var balance = context.GetUInt256(MerchantStorage.PointsTag, merchant, customer);
        if (!UInt256.TryAdd(balance, points, out var newBalance))
        {
            throw Revert($"the points of {customer.ToChecksumString()} at {merchant.ToChecksumString()} would overflow uint256");
        }

        context.SetUInt256(MerchantStorage.PointsTag, merchant, customer, newBalance);
        Emit(
            context,
            _pointsEarned,
            new AbiWriter(2).WriteUInt256(points).WriteUInt256(newBalance).ToArray(),
            AbiTopic.FromAddress(merchant),
            AbiTopic.FromAddress(customer),
            AbiTopic.FromUInt256(invoiceId));
    }

    /// <summary>Spends <paramref name="points"/> of the payer's points at the invoice's merchant; returns their value (≤ <paramref name="due"/>).</summary>
    private UInt256 RedeemPoints(IModuleContext context, Invoice invoice, TokenInfo token, UInt256 id, Address customer, UInt256 points, UInt256 due)
    {
        var merchant = invoice.Merchant;
        var (_, pointValue) = Programme(context, merchant);
        if (pointValue.IsZero)
        {
            throw Revert($"merchant {merchant.ToChecksumString()} does not redeem points: its loyalty programme's pointValue is 0");
        }

        var balance = context.GetUInt256(MerchantStorage.PointsTag, merchant, customer);
        if (points > balance)
        {
            throw Revert($"{customer.ToChecksumString()} holds {balance} points at merchant {merchant.ToChecksumString()}; it cannot redeem {points}");
        }

        var value = points.ToBigInteger() * pointValue.ToBigInteger();
        if (value > due.ToBigInteger())
        {
            var most = due.ToBigInteger() / pointValue.ToBigInteger();
            throw Revert(
                $"redeeming {points} points (worth {pointValue} base units each) exceeds the {token.Format(due)} still due on invoice #{id}; " +
                $"redeem at most {most} points");
        }

        var worth = UInt256.FromBigInteger(value);
        var newBalance = balance - points;
        context.SetUInt256(MerchantStorage.PointsTag, merchant, customer, newBalance);
        Emit(
            context,
            _pointsRedeemed,
            new AbiWriter(3).WriteUInt256(points).WriteUInt256(worth).WriteUInt256(newBalance).ToArray(),
            AbiTopic.FromAddress(merchant),
            AbiTopic.FromAddress(customer),
            AbiTopic.FromUInt256(id));
        return worth;
    }
}
