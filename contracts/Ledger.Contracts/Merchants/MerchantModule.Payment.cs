using Ledger.Contracts.Compliance;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Merchants;

/// <summary>Paying an invoice (once), with a coupon and points, and refunding it in parts.</summary>
public sealed partial class MerchantModule
{
    private byte[] PayInvoice(IModuleContext context, ref AbiReader args, bool withCoupon, bool withPoints)
    {
        var id = args.ReadUInt256("id");
        var points = withPoints ? args.ReadUInt256("points") : UInt256.Zero;
        var couponCode = withCoupon ? args.ReadString("couponCode") : "";
        return PayInvoice(context, id, points, couponCode, expected: null);
    }

    /// <summary>
    /// <c>payInvoiceExact(id, amount, merchant, points, couponCode)</c>: the payment the signer saw, committed to in the
    /// signature. A wallet shows the amount due (after coupon and points) and the merchant it got from a node; a lying
    /// node could show less or another merchant, and the plain <c>payInvoice(id)</c> would pay whatever the chain says.
    /// Here the chain reverts unless it would move exactly <c>amount</c> to <c>merchant</c>, so nothing moves wrongly.
    /// </summary>
    private byte[] PayInvoiceExact(IModuleContext context, ref AbiReader args)
    {
        var id = args.ReadUInt256("id");
        var amount = args.ReadUInt256("amount");
        var merchant = args.ReadAddress("merchant");
        var points = args.ReadUInt256("points");
        var couponCode = args.ReadString("couponCode");
        return PayInvoice(context, id, points, couponCode, (amount, merchant));
    }

    private byte[] PayInvoice(IModuleContext context, UInt256 id, UInt256 points, string couponCode, (UInt256 Amount, Address Merchant)? expected)
    {
        var payer = context.Caller;
        RequireSigner(context, "pay an invoice");
        var invoice = LoadInvoice(context, id);
        if (invoice.Status != InvoiceStatus.Open)
        {
            throw Revert(
                $"invoice #{id} was already paid at block {invoice.PaidBlock} by {invoice.Payer.ToChecksumString()}; " +
                "an invoice is paid once, a second payment is refused");
        }

        var now = NowSeconds(context);
        if (now >= invoice.Expiry)
        {
            throw Revert($"invoice #{id} expired at {FormatTime(invoice.Expiry)} (block time {FormatTime(now)}); ask the merchant for a new invoice");
        }

        if (payer == invoice.Merchant)
        {
            throw Revert($"{payer.ToChecksumString()} is the merchant of invoice #{id}; a merchant cannot pay its own invoice");
        }

        // The token checks the payer too, but a coupon or points may bring the transfer to zero: check it here as well.
        RequireVerified(context, payer, "pay an invoice");
        var token = RequireToken(invoice.Token);
        var due = invoice.Amount;
        var couponDiscount = couponCode.Length == 0 ? UInt256.Zero : ApplyCoupon(context, invoice, id, couponCode, payer, due);
        due -= couponDiscount;
        var pointsValue = points.IsZero ? UInt256.Zero : RedeemPoints(context, invoice, token, id, payer, points, due);
        due -= pointsValue;

        if (expected is { } signed)
        {
            RequireSignedTerms(token, id, invoice.Merchant, due, signed.Amount, signed.Merchant);
        }

        RequireImmediateSettlement(context, token, id, payer, invoice.Merchant, due);
        var earned = PointsEarnedOn(context, invoice.Merchant, token, due);
        var paid = invoice with
        {
            Status = InvoiceStatus.Paid,
            Payer = payer,
            PaidAmount = due,
            PaidBlock = context.BlockNumber,
            Discount = couponDiscount + pointsValue,
            PointsRedeemed = points,
        };
        StoreInvoice(context, id, paid);
        if (!due.IsZero)
        {
            MoveTokens(context, token, payer, invoice.Merchant, due, $"paying invoice #{id} ({token.Format(due)} to {invoice.Merchant.ToChecksumString()})");
        }

        if (!earned.IsZero)
        {
            CreditPoints(context, invoice.Merchant, payer, id, earned);
        }

        Emit(
            context,
            _invoicePaid,
            new AbiWriter(4).WriteUInt256(due).WriteUInt256(paid.Discount).WriteUInt256(points).WriteUInt256(earned).ToArray(),
            AbiTopic.FromUInt256(id),
            AbiTopic.FromAddress(payer),
            AbiTopic.FromAddress(invoice.Merchant));

        // What the payment came to: a wallet's dry run (eth_call) shows the amount after coupon and points before signing.
        return new AbiWriter(3).WriteUInt256(due).WriteUInt256(paid.Discount).WriteUInt256(earned).ToArray();
    }

    /// <summary>
    /// Reverting rolls back the coupon and points applied above, so a refused payment loses the customer nothing.
    /// Equality (not "at most") on the amount: a wallet that was shown more than the chain would take was lied to
    /// as well, and the customer should see the real price before paying.
    /// </summary>
    private static void RequireSignedTerms(TokenInfo token, UInt256 id, Address merchant, UInt256 due, UInt256 signedAmount, Address signedMerchant)
    {
        if (signedMerchant != merchant)
        {
            throw Revert(
                $"invoice #{id} is payable to {merchant.ToChecksumString()}, not to {signedMerchant.ToChecksumString()} as signed; " +
                "nothing was paid: check the invoice with getInvoice on a node you trust");
        }

        if (signedAmount != due)
        {
            throw Revert(
                $"invoice #{id} comes to {token.Format(due)} with this coupon and points, not {token.Format(signedAmount)} as signed; " +
                "nothing was paid: check the invoice with getInvoice on a node you trust");
        }
    }

    /// <summary>
    /// A payment above the payer's guardian threshold would be held by the token instead of delivered; an invoice
    /// cannot be "paid" with money the merchant does not have, so such a payment is refused up front. The other
    /// refusals (frozen, limits, corridor, balance) are left to the token, whose reason the revert carries.
    /// </summary>
    private void RequireImmediateSettlement(IModuleContext context, TokenInfo token, UInt256 id, Address payer, Address merchant, UInt256 due)
    {
        if (due.IsZero)
        {
            return;
        }

        var verdict = _policy.Evaluate(context, token, payer, merchant, due);
        if (verdict.Rule == TransferRule.Held)
        {
            throw Revert(
                $"invoice #{id} cannot be paid: the payment would be {_policy.Describe(context, token, verdict, payer, merchant, due)}, " +
                "and an invoice is paid only by a transfer that settles at once; raise the guardian threshold or pay from another account");
        }
    }

    private byte[] Refund(IModuleContext context, ref AbiReader args)
    {
        var id = args.ReadUInt256("id");
        var amount = args.ReadUInt256("amount");
        var invoice = LoadInvoice(context, id);
        if (context.Caller != invoice.Merchant)
        {
            throw Revert(
                $"only the merchant {invoice.Merchant.ToChecksumString()} of invoice #{id} may refund it; the caller is {context.Caller.ToChecksumString()}");
        }

        RequireSigner(context, "refund an invoice");
        var token = RequireToken(invoice.Token);
        switch (invoice.Status)
        {
            case InvoiceStatus.Open:
                throw Revert($"invoice #{id} has not been paid; there is nothing to refund");
            case InvoiceStatus.Refunded:
                throw Revert($"invoice #{id} was already refunded in full ({token.Format(invoice.Refunded)})");
        }

        Require(!amount.IsZero, "a refund amount must be above zero");
        var refundable = invoice.PaidAmount - invoice.Refunded;
        if (amount > refundable)
        {
            throw Revert(
                $"refund of {token.Format(amount)} exceeds the {token.Format(refundable)} still refundable on invoice #{id} " +
                $"(paid {token.Format(invoice.PaidAmount)}, refunded {token.Format(invoice.Refunded)} so far)");
        }

        var refunded = invoice.Refunded + amount;
        StoreInvoice(context, id, invoice with
        {
            Refunded = refunded,
            Status = refunded == invoice.PaidAmount ? InvoiceStatus.Refunded : InvoiceStatus.PartiallyRefunded,
        });
        MoveTokens(context, token, invoice.Merchant, invoice.Payer, amount, $"refunding {token.Format(amount)} of invoice #{id} to {invoice.Payer.ToChecksumString()}");
        Emit(
            context,
            _invoiceRefunded,
            new AbiWriter(2).WriteUInt256(amount).WriteUInt256(refunded).ToArray(),
            AbiTopic.FromUInt256(id),
            AbiTopic.FromAddress(invoice.Merchant),
            AbiTopic.FromAddress(invoice.Payer));
        return [];
    }

    /// <summary>
    /// Tokens move only from the transaction's signer (the token lets a custodian move the origin's own tokens and
    /// nobody else's), so the payer or merchant must call this module directly, not through another module.
    /// </summary>
    private static void RequireSigner(IModuleContext context, string action)
    {
        if (context.Caller != context.Origin)
        {
            throw Revert($"only the transaction's signer may {action}; the caller {context.Caller.ToChecksumString()} is not the signer {context.Origin.ToChecksumString()}");
        }
    }
}
