using System.Text.Json;
using Ledger.Core.Primitives;
using Ledger.JsonRpc.Parameters;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Modules;

/// <summary>
/// The bounded log query behind eth_getLogs, eth_getFilterLogs and eth_getFilterChanges: one place enforces
/// the block-range and result limits (-32005) so no entry point can scan more than the others.
/// </summary>
internal static class LogQuery
{
    /// <summary>Resolves a range end against the head: absent or a tag means the head, earliest means 0.</summary>
    public static ulong RangeEnd(BlockParameter? block, ulong head) => block switch
    {
        null => head,
        { Tag: BlockTag.Earliest } => 0,
        { Tag: BlockTag.Number } b => b.Number,
        _ => head,
    };

    /// <summary>Checks a resolved range [from, to] against the head and the range limit; null when it is fine.</summary>
    public static JsonRpcError? CheckRange(ulong from, ulong to, ulong head, JsonRpcOptions options)
    {
        if (from > head || to > head)
        {
            return JsonRpcError.InvalidParams("block range extends beyond current head block");
        }

        if (from > to)
        {
            return JsonRpcError.InvalidParams("invalid block range params");
        }

        if (to - from >= options.MaxLogBlockRange)
        {
            return new JsonRpcError(JsonRpcErrorCode.LimitExceeded, $"query exceeds max block range {options.MaxLogBlockRange}");
        }

        return null;
    }

    /// <summary>Runs the query and writes the log array, or returns -32005 when it matches too many logs.</summary>
    public static JsonRpcError? Write(
        ILedgerBackend backend,
        JsonRpcOptions options,
        LogFilter filter,
        Utf8JsonWriter result)
    {
        var logs = backend.GetLogs(filter with { MaxResults = options.MaxLogResults + 1 });
        if (logs.Count > options.MaxLogResults)
        {
            return new JsonRpcError(JsonRpcErrorCode.LimitExceeded, $"query returned more than {options.MaxLogResults} results");
        }

        result.WriteStartArray();
        for (var i = 0; i < logs.Count; i++)
        {
            var match = logs[i];
            LogJson.Write(result, match.Log, match.BlockNumber, match.BlockHash, match.TransactionHash, match.TransactionIndex, match.LogIndex);
        }

        result.WriteEndArray();
        return null;
    }

    /// <summary>Writes an empty array: a filter poll that found nothing new.</summary>
    public static void WriteEmpty(Utf8JsonWriter result)
    {
        result.WriteStartArray();
        result.WriteEndArray();
    }

    /// <summary>The filter for a block hash query (from = to = that block).</summary>
    public static LogFilter ForBlock(ulong number, Hash32 hash, LogFilterRequest request) =>
        new(number, number, request.Criteria, hash);
}
