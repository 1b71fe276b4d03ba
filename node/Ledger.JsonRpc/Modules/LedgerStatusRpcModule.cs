using System.Text.Json;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Modules;

/// <summary>
/// ledger_getTransactionStatus: the promise behind "accepted". Every transaction a node acknowledged is either
/// committed or can be seen here to have been dropped, with the reason (docs/jsonrpc.md).
/// </summary>
public sealed class LedgerStatusRpcModule(ILedgerBackend backend)
{
    /// <summary>
    /// {status: pending | queued | committed | dropped | unknown, …}: committed adds blockNumber, blockHash and
    /// transactionIndex; queued adds waitingForNonce; dropped adds reason, detail and (for a replacement) replacedBy.
    /// </summary>
    public JsonRpcError? ledger_getTransactionStatus(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        var hash = p.Hash(0);
        var status = backend.GetTransactionStatus(hash);
        result.WriteStartObject();
        result.WriteHash("hash"u8, hash);
        result.WriteString("status"u8, status.Name);
        if (status.Location is { } location)
        {
            result.WriteQuantity("blockNumber"u8, location.Header.Number);
            result.WriteHash("blockHash"u8, location.Header.Hash);
            result.WriteQuantity("transactionIndex"u8, (ulong)location.Index);
            result.WriteBoolean("success"u8, location.Receipt.Success);
        }

        if (status.WaitingForNonce is { } nonce)
        {
            result.WriteQuantity("waitingForNonce"u8, nonce);
        }

        if (status.Reason is { } reason)
        {
            result.WriteString("reason"u8, reason);
            result.WriteString("detail"u8, status.Detail);
        }

        if (status.ReplacedBy is { } replacement)
        {
            result.WriteHash("replacedBy"u8, replacement);
        }

        result.WriteEndObject();
        return null;
    }
}
