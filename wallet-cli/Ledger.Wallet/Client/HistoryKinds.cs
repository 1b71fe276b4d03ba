using Ledger.Api.V1;

namespace Ledger.Wallet.Client;

/// <summary>
/// Plain words for what a history entry was ("invoice #7 payment", "held for your guardian (#1)", "escrow #3 lock"),
/// from the kind and reference the node's account index gave it. The one place history tables, CSV and JSON get
/// them, so every transport and format reads alike.
/// </summary>
internal static class HistoryKinds
{
    public static string Describe(HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var id = entry.Reference.Length == 0 || entry.Reference.StartsWith("0x", StringComparison.Ordinal) ? string.Empty : " #" + entry.Reference;
        var moved = entry.Direction is TransferDirection.Sent or TransferDirection.Received;
        return entry.Kind switch
        {
            "transfer" when entry.Direction == TransferDirection.Self => "transfer to yourself",
            "transfer" => "transfer",
            "held" => moved ? $"held for your guardian{id}" : $"incoming, held for the sender's guardian{id}",
            "held-released" => moved ? $"held payment{id} released" : $"held payment{id} released to the recipient",
            "held-cancelled" => moved ? $"held payment{id} cancelled, money back" : $"held payment{id} cancelled by the sender",
            "held-expired" => moved ? $"held payment{id} expired, money back" : $"held payment{id} expired, not paid",
            "invoice-payment" => $"invoice{id} payment",
            "invoice-refund" => $"invoice{id} refund",
            "fx-settlement" => "FX settlement",
            "escrow-lock" => moved ? $"escrow{id} lock" : $"escrow{id} waiting for the bank",
            "escrow-release" => moved ? $"escrow{id} release" : $"escrow{id} released to the beneficiary",
            "escrow-return" => moved ? $"escrow{id} returned" : $"escrow{id} returned to the payer",
            "htlc-lock" => moved ? $"HTLC{id} lock" : $"HTLC{id} waiting for its secret",
            "htlc-claim" => moved ? $"HTLC{id} claim" : $"HTLC{id} claimed by the recipient",
            "htlc-refund" => moved ? $"HTLC{id} refund" : $"HTLC{id} refunded to the sender",
            "mint" => "mint",
            "burn" => "burn",
            "redeem" => "redemption",
            "forced-transfer" => "forced transfer",
            "recovery" => "balance recovery",
            "opening-balance" => "opening balance",
            _ => entry.Kind,
        };
    }

    /// <summary>The words for a kind in a statement's breakdown (no id: lines sum many entries).</summary>
    public static string Group(string kind) => kind switch
    {
        "held" => "held for guardian",
        "held-released" => "held, released",
        "held-cancelled" => "held, cancelled",
        "held-expired" => "held, expired",
        "invoice-payment" => "invoice payments",
        "invoice-refund" => "invoice refunds",
        "fx-settlement" => "FX settlements",
        "escrow-lock" => "escrow locks",
        "escrow-release" => "escrow releases",
        "escrow-return" => "escrow returns",
        "htlc-lock" => "HTLC locks",
        "htlc-claim" => "HTLC claims",
        "htlc-refund" => "HTLC refunds",
        "redeem" => "redemptions",
        "forced-transfer" => "forced transfers",
        "recovery" => "balance recoveries",
        "opening-balance" => "opening balances",
        "transfer" => "transfers",
        _ => kind + "s",
    };
}
