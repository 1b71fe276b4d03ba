using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Core.Records;

namespace Ledger.Contracts.Records;

/// <summary>
/// One method per family of events: the transfer each explains and the outcome records it gives. The rule for the
/// counterparty is always the person on the other side of the payment, never the contract the money passed through
/// (that one is <c>Via</c>): the token's hold for a held payment, the Settlement module for escrows and HTLCs, the FX
/// provider for a cross-border payment (unless the payer pays itself in another currency: then the provider).
/// </summary>
public sealed partial class RecordClassifier
{
    /// <summary>TransferHeld(id, from, to; amount, deadline): from → the token's hold; the recipient sees a payment waiting.</summary>
    private static void ExplainHeld(TransactionScope scope, List<Explanation> explanations, Address token, IReadOnlyList<Hash32> t, ref AbiReader reader, int index)
    {
        var amount = reader.ReadUInt256("amount");
        var (id, from, to) = (t[1], A(t, 2), A(t, 3));
        explanations.Add(new Explanation
        {
            Token = token,
            From = from,
            To = token,
            Amount = amount,
            Kind = RecordKind.Held,
            Reference = id,
            FromCounterparty = to,
            FromVia = token,
            ToCounterparty = from,
        });
        scope.Add(to, token, RecordKind.Held, RecordDirection.None, amount, from, index, token, id);
    }

    /// <summary>HeldTransferReleased(id, approver, from; to, amount): the hold → to; the sender sees it delivered.</summary>
    private static void ExplainReleased(TransactionScope scope, List<Explanation> explanations, Address token, IReadOnlyList<Hash32> t, ref AbiReader reader, int index)
    {
        var to = reader.ReadAddress("to");
        var amount = reader.ReadUInt256("amount");
        var (id, from) = (t[1], A(t, 3));
        explanations.Add(new Explanation
        {
            Token = token,
            From = token,
            To = to,
            Amount = amount,
            Kind = RecordKind.HeldReleased,
            Reference = id,
            FromCounterparty = to,
            ToCounterparty = from,
            ToVia = token,
        });
        scope.Add(from, token, RecordKind.HeldReleased, RecordDirection.None, amount, to, index, token, id);
    }

    /// <summary>HeldTransferReturned(id, from, to; amount, expired): the hold → back to the sender; the recipient sees it cancelled.</summary>
    private static void ExplainReturned(TransactionScope scope, List<Explanation> explanations, Address token, IReadOnlyList<Hash32> t, ref AbiReader reader, int index)
    {
        var amount = reader.ReadUInt256("amount");
        var kind = reader.ReadBool("expired") ? RecordKind.HeldExpired : RecordKind.HeldCancelled;
        var (id, from, to) = (t[1], A(t, 2), A(t, 3));
        explanations.Add(new Explanation
        {
            Token = token,
            From = token,
            To = from,
            Amount = amount,
            Kind = kind,
            Reference = id,
            FromCounterparty = from,
            ToCounterparty = to,
            ToVia = token,
        });
        scope.Add(to, token, kind, RecordDirection.None, amount, from, index, token, id);
    }

    /// <summary>Minted(to, reference), Burned(from, reference), Redeemed(holder, reference): the bank's reference on the zero-address transfer.</summary>
    private static void ExplainSupply(TransactionScope scope, List<Explanation> explanations, string signature, Address token, IReadOnlyList<Hash32> t, ref AbiReader reader)
    {
        var amount = reader.ReadUInt256("amount");
        var (account, reference) = (A(t, 1), t[2]);
        explanations.Add(signature switch
        {
            Minted => new Explanation
            {
                Token = token,
                From = Address.Zero,
                To = account,
                Amount = amount,
                Kind = RecordKind.Mint,
                Reference = reference,
                FromCounterparty = account,
                ToCounterparty = scope.Sender,
            },
            Burned => new Explanation
            {
                Token = token,
                From = account,
                To = Address.Zero,
                Amount = amount,
                Kind = RecordKind.Burn,
                Reference = reference,
                FromCounterparty = scope.Sender,
                ToCounterparty = account,
            },
            // The holder is paid out by the bank off-ledger: no on-ledger counterparty, the token (its issuer) is the way.
            _ => new Explanation
            {
                Token = token,
                From = account,
                To = Address.Zero,
                Amount = amount,
                Kind = RecordKind.Redeem,
                Reference = reference,
                FromCounterparty = Address.Zero,
                FromVia = token,
                ToCounterparty = account,
            },
        });
    }

    /// <summary>ForcedTransfer(from, to, legalReference; amount) and BalanceRecovered(lost, replacement; amount).</summary>
    private static void ExplainMove(List<Explanation> explanations, string signature, Address token, IReadOnlyList<Hash32> t, ref AbiReader reader)
    {
        var amount = reader.ReadUInt256("amount");
        var (from, to) = (A(t, 1), A(t, 2));
        var forced = signature == Forced;
        explanations.Add(new Explanation
        {
            Token = token,
            From = from,
            To = to,
            Amount = amount,
            Kind = forced ? RecordKind.ForcedTransfer : RecordKind.Recovery,
            Reference = forced ? t[3] : Hash32.Zero,
            FromCounterparty = to,
            ToCounterparty = from,
        });
    }

    /// <summary>
    /// FxSettled(quoteHash, payer, beneficiary; provider, payToken, receiveToken, payAmount, receiveAmount, fee, …): the
    /// payer's leg (payAmount + fee to the provider) and the provider's leg (receiveAmount to the beneficiary).
    /// </summary>
    private static void ExplainFx(List<Explanation> explanations, IReadOnlyList<Hash32> t, ref AbiReader reader)
    {
        var provider = reader.ReadAddress("provider");
        var payToken = reader.ReadAddress("payToken");
        var receiveToken = reader.ReadAddress("receiveToken");
        var payAmount = reader.ReadUInt256("payAmount");
        var receiveAmount = reader.ReadUInt256("receiveAmount");
        var fee = reader.ReadUInt256("fee");
        var (quote, payer, beneficiary) = (t[1], A(t, 2), A(t, 3));
        if (!UInt256.TryAdd(payAmount, fee, out var paid))
        {
            return;
        }

        // Converting one's own money: the provider is the only other party.
        var payerSees = payer == beneficiary ? provider : beneficiary;
        var beneficiarySees = payer == beneficiary ? provider : payer;
        explanations.Add(new Explanation
        {
            Token = payToken,
            From = payer,
            To = provider,
            Amount = paid,
            Kind = RecordKind.FxSettlement,
            Reference = quote,
            FromCounterparty = payerSees,
            FromVia = provider,
            FromFee = fee,
            ToCounterparty = payer,
        });
        explanations.Add(new Explanation
        {
            Token = receiveToken,
            From = provider,
            To = beneficiary,
            Amount = receiveAmount,
            Kind = RecordKind.FxSettlement,
            Reference = quote,
            FromCounterparty = beneficiary,
            ToCounterparty = beneficiarySees,
            ToVia = provider,
        });
    }

    /// <summary>
    /// EscrowOpened(id, payer, beneficiary; token, amount, …) and HtlcLocked(id, recipient, hashLock; sender, token, amount, …):
    /// payer → Settlement custody; the beneficiary sees a payment waiting.
    /// </summary>
    private void ExplainLock(TransactionScope scope, List<Explanation> explanations, string signature, IReadOnlyList<Hash32> t, ref AbiReader reader, int index)
    {
        Address payer, beneficiary;
        if (signature == EscrowOpened)
        {
            (payer, beneficiary) = (A(t, 2), A(t, 3));
        }
        else
        {
            (payer, beneficiary) = (reader.ReadAddress("sender"), A(t, 2));
        }

        var token = reader.ReadAddress("token");
        var amount = reader.ReadUInt256("amount");
        var kind = signature == EscrowOpened ? RecordKind.EscrowLock : RecordKind.HtlcLock;
        explanations.Add(new Explanation
        {
            Token = token,
            From = payer,
            To = _settlement,
            Amount = amount,
            Kind = kind,
            Reference = t[1],
            FromCounterparty = beneficiary,
            FromVia = _settlement,
            ToCounterparty = payer,
        });
        scope.Add(beneficiary, token, kind, RecordDirection.None, amount, payer, index, _settlement, t[1]);
    }

    /// <summary>
    /// EscrowApproved(id, by, beneficiary; payer, token, amount) and HtlcClaimed(id, recipient, sender; preimage, token, amount):
    /// custody → the beneficiary; the payer sees it delivered.
    /// </summary>
    private void ExplainPayout(TransactionScope scope, List<Explanation> explanations, string signature, IReadOnlyList<Hash32> t, ref AbiReader reader, int index)
    {
        Address payer, beneficiary;
        RecordKind kind;
        if (signature == EscrowApproved)
        {
            (payer, beneficiary, kind) = (reader.ReadAddress("payer"), A(t, 3), RecordKind.EscrowRelease);
        }
        else
        {
            reader.ReadBytes32("preimage");
            (payer, beneficiary, kind) = (A(t, 3), A(t, 2), RecordKind.HtlcClaim);
        }

        var token = reader.ReadAddress("token");
        var amount = reader.ReadUInt256("amount");
        explanations.Add(new Explanation
        {
            Token = token,
            From = _settlement,
            To = beneficiary,
            Amount = amount,
            Kind = kind,
            Reference = t[1],
            FromCounterparty = beneficiary,
            ToCounterparty = payer,
            ToVia = _settlement,
        });
        scope.Add(payer, token, kind, RecordDirection.None, amount, beneficiary, index, _settlement, t[1]);
    }

    /// <summary>
    /// EscrowRejected(id, by, payer; reason, beneficiary, token, amount), EscrowReclaimed(id, payer, beneficiary; token, amount)
    /// and HtlcRefunded(id, sender, recipient; token, amount): custody → back to the payer; the beneficiary sees it called off.
    /// </summary>
    private void ExplainRefund(TransactionScope scope, List<Explanation> explanations, string signature, IReadOnlyList<Hash32> t, ref AbiReader reader, int index)
    {
        Address payer, beneficiary;
        if (signature == EscrowRejected)
        {
            reader.ReadString("reason");
            (payer, beneficiary) = (A(t, 3), reader.ReadAddress("beneficiary"));
        }
        else
        {
            (payer, beneficiary) = (A(t, 2), A(t, 3));
        }

        var token = reader.ReadAddress("token");
        var amount = reader.ReadUInt256("amount");
        var kind = signature == HtlcRefunded ? RecordKind.HtlcRefund : RecordKind.EscrowReturn;
        explanations.Add(new Explanation
        {
            Token = token,
            From = _settlement,
            To = payer,
            Amount = amount,
            Kind = kind,
            Reference = t[1],
            FromCounterparty = payer,
            ToCounterparty = beneficiary,
            ToVia = _settlement,
        });
        scope.Add(beneficiary, token, kind, RecordDirection.None, amount, payer, index, _settlement, t[1]);
    }

    /// <summary>
    /// InvoicePaid(id, payer, merchant; paid, …) and InvoiceRefunded(id, merchant, payer; amount, …): payments go straight
    /// between payer and merchant (the event does not name the token: any deposit token matches). An invoice paid in full
    /// by a coupon or points moves nothing and gives no record.
    /// </summary>
    private static void ExplainInvoice(List<Explanation> explanations, string signature, IReadOnlyList<Hash32> t, ref AbiReader reader)
    {
        var amount = reader.ReadUInt256("amount");
        var paid = signature == InvoicePaid;
        // InvoicePaid(id, payer, merchant) and InvoiceRefunded(id, merchant, payer): topic 2 pays topic 3 in both.
        var (from, to) = (A(t, 2), A(t, 3));
        if (amount.IsZero)
        {
            return;
        }

        explanations.Add(new Explanation
        {
            Token = null,
            From = from,
            To = to,
            Amount = amount,
            Kind = paid ? RecordKind.InvoicePayment : RecordKind.InvoiceRefund,
            Reference = t[1],
            FromCounterparty = to,
            ToCounterparty = from,
        });
    }
}
