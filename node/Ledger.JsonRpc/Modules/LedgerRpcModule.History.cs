using System.Text.Json;
using Ledger.JsonRpc.Parameters;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Modules;

public sealed partial class LedgerRpcModule
{
    /// <summary>
    /// ledger_getAccountHistory(query): a page of an account's records from the node's account index, newest first —
    /// {entries, nextCursor, asOfBlock}. Page by <c>cursor</c> (pass nextCursor back) or by <c>page</c> number with
    /// <c>asOfBlock</c> from the first answer; both stay stable while new blocks arrive. See docs/jsonrpc.md.
    /// </summary>
    public JsonRpcError? ledger_getAccountHistory(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        var query = HistoryQueryParser.Parse(p[0], new ArgPath(0), backend.Tokens);
        Core.Records.AccountHistoryPage page;
        try
        {
            page = backend.GetAccountHistory(query);
        }
        catch (ArgumentException e)
        {
            throw JsonRpcException.InvalidParams($"invalid argument 0: {e.Message}");
        }

        result.WriteStartObject();
        result.WriteStartArray("entries"u8);
        foreach (var record in page.Records)
        {
            AccountRecordJson.Write(result, record);
        }

        result.WriteEndArray();
        if (page.NextCursor is { } next)
        {
            result.WriteString("nextCursor"u8, next.Encode());
        }
        else
        {
            result.WriteNull("nextCursor"u8);
        }

        result.WriteQuantity("asOfBlock"u8, page.AsOfBlock);
        result.WriteEndObject();
        return null;
    }
}
