using System.Text.Json;
using Ledger.JsonRpc.Parameters;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Modules;

public sealed partial class EthRpcModule
{
    /// <summary>A committed transaction, else a pending one (block fields null), else null.</summary>
    public JsonRpcError? eth_getTransactionByHash(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        var hash = p.Hash(0);
        if (backend.FindTransaction(hash) is { } location)
        {
            TransactionJson.Write(result, location.Block.Transactions[location.Index], location.Block, location.Index);
        }
        else if (backend.FindPendingTransaction(hash) is { } pending)
        {
            TransactionJson.Write(result, pending, null, 0);
        }
        else
        {
            result.WriteNullValue();
        }

        return null;
    }

    /// <summary>The receipt of a committed transaction; null while pending or unknown (clients poll on null).</summary>
    public JsonRpcError? eth_getTransactionReceipt(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        var location = backend.FindTransaction(p.Hash(0));
        if (location is null)
        {
            result.WriteNullValue();
            return null;
        }

        // logIndex counts within the block, so the logs of the transactions before this one are counted first.
        var firstLogIndex = 0;
        if (location.Index > 0)
        {
            var receipts = backend.GetReceipts(location.Block.Header.Hash)
                ?? throw new InvalidOperationException($"receipts of block {location.Block.Header.Number} are missing");
            for (var i = 0; i < location.Index; i++)
            {
                firstLogIndex += receipts[i].Logs.Count;
            }
        }

        ReceiptJson.Write(result, location.Block, location.Index, location.Receipt, firstLogIndex);
        return null;
    }

    public JsonRpcError? eth_getBlockByNumber(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(2, 2);
        var block = FindBlock(p.Block(0, allowHash: false));
        var full = p.Bool(1);
        if (block is null)
        {
            result.WriteNullValue();
        }
        else
        {
            BlockJson.Write(result, block, full);
        }

        return null;
    }

    public JsonRpcError? eth_getBlockByHash(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(2, 2);
        var block = FindBlock(BlockParameter.ByHash(p.Hash(0)));
        var full = p.Bool(1);
        if (block is null)
        {
            result.WriteNullValue();
        }
        else
        {
            BlockJson.Write(result, block, full);
        }

        return null;
    }
}
