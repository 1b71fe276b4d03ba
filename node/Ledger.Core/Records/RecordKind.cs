namespace Ledger.Core.Records;

/// <summary>
/// What happened to an account, in one vocabulary shared by the node's account index, the gRPC and JSON-RPC history
/// answers, the wallet and the console. The numeric value is stored in the index: never renumber a member.
/// </summary>
public enum RecordKind : byte
{
    /// <summary>A plain payment (transfer, transferFrom, batchTransfer).</summary>
    Transfer = 1,

    /// <summary>A payment above the sender's guardian threshold, debited and parked until the guardian decides.</summary>
    Held = 2,

    /// <summary>The guardian released a held payment to its recipient.</summary>
    HeldReleased = 3,

    /// <summary>A held payment was cancelled before its deadline: the money went back to the sender.</summary>
    HeldCancelled = 4,

    /// <summary>A held payment was returned after its deadline passed without the guardian's approval.</summary>
    HeldExpired = 5,

    /// <summary>A Merchant-module invoice paid (after any coupon or points).</summary>
    InvoicePayment = 6,

    /// <summary>A merchant refunded (part of) a paid invoice.</summary>
    InvoiceRefund = 7,

    /// <summary>A leg of a cross-border payment settled against an FX quote.</summary>
    FxSettlement = 8,

    /// <summary>Money locked in a Settlement escrow until the beneficiary's bank decides.</summary>
    EscrowLock = 9,

    /// <summary>An escrow approved: the locked money went to the beneficiary.</summary>
    EscrowRelease = 10,

    /// <summary>An escrow rejected or reclaimed: the locked money went back to the payer.</summary>
    EscrowReturn = 11,

    /// <summary>Money locked in a hash time-locked contract.</summary>
    HtlcLock = 12,

    /// <summary>An HTLC claimed with its secret: the money went to the recipient.</summary>
    HtlcClaim = 13,

    /// <summary>An HTLC refunded to its sender after the deadline.</summary>
    HtlcRefund = 14,

    /// <summary>New money issued by the bank against a deposit.</summary>
    Mint = 15,

    /// <summary>Money taken out of circulation by the bank.</summary>
    Burn = 16,

    /// <summary>The holder redeemed tokens for money at the issuing bank.</summary>
    Redeem = 17,

    /// <summary>A transfer the issuer forced under a legal order.</summary>
    ForcedTransfer = 18,

    /// <summary>A balance moved from a lost key to the customer's new key by its bank.</summary>
    Recovery = 19,

    /// <summary>A balance the account held from genesis.</summary>
    OpeningBalance = 20,
}
