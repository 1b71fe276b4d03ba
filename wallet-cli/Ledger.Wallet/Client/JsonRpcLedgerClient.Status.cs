using System.Text.Json.Nodes;
using Ledger.Api.V1;
using Ledger.Core.Primitives;

namespace Ledger.Wallet.Client;

public sealed partial class JsonRpcLedgerClient
{
    /// <summary>
    /// A transaction not (yet) in a block, as ledger_getTransactionStatus reports it: pending, queued behind a missing
    /// nonce, dropped with the reason, or null when the node does not know it. A node without that method (another
    /// Ethereum client) is asked whether the transaction is pending at all.
    /// </summary>
    private async Task<TransactionStatus?> PoolStatusAsync(Hash32 hash, CancellationToken cancellationToken)
    {
        JsonNode? result;
        try
        {
            result = await CallAsync("ledger_getTransactionStatus", [hash.ToString()], cancellationToken).ConfigureAwait(false);
        }
        catch (JsonRpcCallException ex) when (ex.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
            || ex.Message.Contains("not found", StringComparison.OrdinalIgnoreCase))
        {
            var pending = await CallAsync("eth_getTransactionByHash", [hash.ToString()], cancellationToken).ConfigureAwait(false);
            return pending is JsonObject ? new TransactionStatus { TransactionHash = hash.ToString(), Stage = TransactionStage.Pending } : null;
        }

        var status = new TransactionStatus { TransactionHash = hash.ToString() };
        switch (Str(result?["status"]))
        {
            case "pending":
            case "committed": // committed between our two calls: the next look finds the receipt
                status.Stage = TransactionStage.Pending;
                return status;
            case "queued":
                status.Stage = TransactionStage.Queued;
                status.WaitingForNonce = Quantity(result!["waitingForNonce"]);
                return status;
            case "dropped":
                status.Stage = TransactionStage.Dropped;
                status.DropReason = Str(result!["reason"]);
                status.DropDetail = result["detail"] is null ? string.Empty : Str(result["detail"]);
                status.ReplacedBy = result["replacedBy"] is null ? string.Empty : Str(result["replacedBy"]);
                return status;
            default:
                return null;
        }
    }
}
