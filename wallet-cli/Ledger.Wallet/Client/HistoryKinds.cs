using Ledger.Api.V1;

namespace Ledger.Wallet.Client;

/// <summary>
/// Plain words for what a history entry was part of ("invoice #7 payment", "FX settlement", "escrow #3 lock"),
/// from the module, function and reference the node (gRPC) or the wallet itself (--rpc) attached to it. The one
/// place both paths go through, so a table reads the same whichever way the wallet talks to the node.
/// </summary>
internal static class HistoryKinds
{
    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";

    /// <summary>What the entry was: "transfer" when nothing more specific is known.</summary>
    public static string Describe(HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var received = entry.Direction == TransferDirection.Received;
        var counterparty = received ? entry.From : entry.To;
        if (string.Equals(entry.From, ZeroAddress, StringComparison.OrdinalIgnoreCase))
        {
            return "mint";
        }

        if (string.Equals(entry.To, ZeroAddress, StringComparison.OrdinalIgnoreCase))
        {
            return entry.Function == "redeem" ? "redemption" : "burn";
        }

        // A held transfer parks at the token's own address; "sent to 0x2000…0001" would read like a payment to the token.
        if (string.Equals(counterparty, entry.Token.Address, StringComparison.OrdinalIgnoreCase))
        {
            return !received ? "held for guardian"
                : entry.Function == "approveHeldTransfer" ? "held transfer released"
                : entry.Function == "cancelHeldTransfer" ? "held transfer returned"
                : "held transfer released or returned";
        }

        return Describe(entry.Module, entry.Function, entry.Reference);
    }

    /// <summary>The words for a module call alone (no mint, burn or held-transfer context).</summary>
    public static string Describe(string module, string function, string reference)
    {
        var id = reference.Length == 0 ? string.Empty : " #" + reference;
        return (module, function) switch
        {
            ("Merchant", "payInvoice" or "payInvoiceWithPoints") => $"invoice{id} payment",
            ("Merchant", "refund") => $"invoice{id} refund",
            ("Settlement", "settle") => "FX settlement",
            ("Settlement", "openEscrow") => $"escrow{id} lock",
            ("Settlement", "approveEscrow") => $"escrow{id} release",
            ("Settlement", "rejectEscrow" or "reclaimEscrow") => $"escrow{id} returned",
            ("Settlement", "lockHtlc") => $"HTLC{id} lock",
            ("Settlement", "claimHtlc") => $"HTLC{id} claim",
            ("Settlement", "refundHtlc") => $"HTLC{id} refund",
            (_, "forcedTransfer") => "forced transfer",
            (_, "recoverBalance") => "balance recovery",
            (_, "batchTransfer") => "batch transfer",
            (_, "transfer" or "transferFrom" or "") => "transfer",
            _ when module.StartsWith("DepositToken:", StringComparison.Ordinal) => "transfer",
            _ => $"{module}.{function}",
        };
    }
}
