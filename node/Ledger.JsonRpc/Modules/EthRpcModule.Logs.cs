using System.Text.Json;
using Ledger.JsonRpc.Parameters;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Modules;

public sealed partial class EthRpcModule
{
    /// <summary>
    /// Logs matching a filter, in chain order. Bounded twice: the block range (-32005 beyond
    /// <see cref="JsonRpcOptions.MaxLogBlockRange"/>) and the result count (-32005 beyond <see cref="JsonRpcOptions.MaxLogResults"/>).
    /// </summary>
    public JsonRpcError? eth_getLogs(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        var request = LogFilterParser.Parse(p[0], new ArgPath(0));
        var head = backend.HeadNumber;
        ulong from;
        ulong to;
        if (request.BlockHash is { } blockHash)
        {
            var block = backend.GetBlock(blockHash);
            if (block is null)
            {
                return new JsonRpcError(JsonRpcErrorCode.InvalidInput, "unknown block");
            }

            from = to = block.Header.Number;
        }
        else
        {
            from = RangeEnd(request.FromBlock, head);
            to = RangeEnd(request.ToBlock, head);
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
        }

        var filter = new LogFilter(from, to, request.Addresses, request.Topics, request.BlockHash)
        {
            MaxResults = options.MaxLogResults + 1,
        };
        var logs = backend.GetLogs(filter);
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

    private static ulong RangeEnd(BlockParameter? block, ulong head) => block switch
    {
        null => head,
        { Tag: BlockTag.Earliest } => 0,
        { Tag: BlockTag.Number } b => b.Number,
        _ => head,
    };
}
