using System.Text.Json;
using Ledger.JsonRpc.Parameters;

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
        var request = LogFilterParser.Parse(p[0], new ArgPath(0), options);
        if (request.BlockHash is { } blockHash)
        {
            var block = backend.GetBlock(blockHash);
            if (block is null)
            {
                return new JsonRpcError(JsonRpcErrorCode.InvalidInput, "unknown block");
            }

            return LogQuery.Write(backend, options, LogQuery.ForBlock(block.Header.Number, blockHash, request), result);
        }

        var head = backend.HeadNumber;
        var from = LogQuery.RangeEnd(request.FromBlock, head);
        var to = LogQuery.RangeEnd(request.ToBlock, head);
        if (LogQuery.CheckRange(from, to, head, options) is { } error)
        {
            return error;
        }

        return LogQuery.Write(backend, options, new LogFilter(from, to, request.Criteria), result);
    }
}
