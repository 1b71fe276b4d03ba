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
            TransactionJson.Write(result, location.Transaction, location.Header, location.Index);
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

        ReceiptJson.Write(result, location.Header, location.Transaction, location.Index, location.Receipt, location.FirstLogIndex);
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

    /// <summary>
    /// geth's eth_getHeaderByNumber: the block object without transactions, uncles and size (the newHeads shape),
    /// read without decoding the block's transactions — what an explorer lists per block.
    /// </summary>
    public JsonRpcError? eth_getHeaderByNumber(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        WriteHeaderOrNull(FindNumber(p.Block(0, allowHash: false)) is { } n ? backend.GetHeader(n) : null, result);
        return null;
    }

    /// <summary>geth's eth_getHeaderByHash (see <see cref="eth_getHeaderByNumber"/>).</summary>
    public JsonRpcError? eth_getHeaderByHash(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        WriteHeaderOrNull(backend.GetHeader(p.Hash(0)), result);
        return null;
    }

    private static void WriteHeaderOrNull(Ledger.Core.Chain.BlockHeader? header, Utf8JsonWriter result)
    {
        if (header is null)
        {
            result.WriteNullValue();
        }
        else
        {
            BlockJson.WriteHeader(result, header);
        }
    }
}
