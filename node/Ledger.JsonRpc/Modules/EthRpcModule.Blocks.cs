using System.Text.Json;
using Ledger.Core.Chain;
using Ledger.JsonRpc.Parameters;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Modules;

public sealed partial class EthRpcModule
{
    public JsonRpcError? eth_getBlockTransactionCountByHash(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        WriteCount(FindNumber(BlockParameter.ByHash(p.Hash(0))), result);
        return null;
    }

    public JsonRpcError? eth_getBlockTransactionCountByNumber(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        WriteCount(FindNumber(p.Block(0, allowHash: false)), result);
        return null;
    }

    public JsonRpcError? eth_getTransactionByBlockHashAndIndex(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(2, 2);
        WriteTransactionAt(FindNumber(BlockParameter.ByHash(p.Hash(0))), p.Quantity(1), result);
        return null;
    }

    public JsonRpcError? eth_getTransactionByBlockNumberAndIndex(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(2, 2);
        WriteTransactionAt(FindNumber(p.Block(0, allowHash: false)), p.Quantity(1), result);
        return null;
    }

    /// <summary>Every receipt of a block (tag, number or EIP-1898 hash object), or null for an unknown block.</summary>
    public JsonRpcError? eth_getBlockReceipts(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        var block = FindBlock(p.Block(0));
        if (block is null)
        {
            result.WriteNullValue();
            return null;
        }

        var receipts = backend.GetReceipts(block.Header.Hash)
            ?? throw new InvalidOperationException($"receipts of block {block.Header.Number} are missing");
        result.WriteStartArray();
        var firstLogIndex = 0;
        for (var i = 0; i < receipts.Count; i++)
        {
            ReceiptJson.Write(result, block.Header, block.Transactions[i], i, receipts[i], firstLogIndex);
            firstLogIndex += receipts[i].Logs.Count;
        }

        result.WriteEndArray();
        return null;
    }

    /// <summary>BFT blocks have no uncles: null, as for an index out of range.</summary>
    public JsonRpcError? eth_getUncleByBlockHashAndIndex(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(2, 2);
        p.Hash(0);
        p.Quantity(1);
        result.WriteNullValue();
        return null;
    }

    public JsonRpcError? eth_getUncleByBlockNumberAndIndex(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(2, 2);
        p.Block(0, allowHash: false);
        p.Quantity(1);
        result.WriteNullValue();
        return null;
    }

    /// <summary>0 for a known block, null for an unknown one (geth).</summary>
    public JsonRpcError? eth_getUncleCountByBlockHash(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        WriteZeroIfKnown(FindNumber(BlockParameter.ByHash(p.Hash(0))), result);
        return null;
    }

    public JsonRpcError? eth_getUncleCountByBlockNumber(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 1);
        WriteZeroIfKnown(FindNumber(p.Block(0, allowHash: false)), result);
        return null;
    }

    /// <summary>The validator that proposed the head block (Besu answers with its own validator address).</summary>
    public JsonRpcError? eth_coinbase(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        var head = backend.GetBlock(backend.HeadNumber);
        if (head is null)
        {
            return JsonRpcError.InvalidInput("no block yet");
        }

        result.WriteAddressValue(head.Header.Proposer);
        return null;
    }

    /// <summary>No proof of work: a node never "mines".</summary>
    public JsonRpcError? eth_mining(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteBooleanValue(false);
        return null;
    }

    public JsonRpcError? eth_hashrate(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteQuantityValue(0UL);
        return null;
    }

    /// <summary>The eth wire protocol version Besu reports (eth/65 = 0x41); geth removed the method.</summary>
    public JsonRpcError? eth_protocolVersion(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteStringValue("0x41");
        return null;
    }

    /// <summary>
    /// Pool transactions, full objects with null block fields (Besu/Nethermind; geth lists only the node's own
    /// accounts), in (sender, nonce) order. Bounded like txpool_content: paged with <c>{"limit", "cursor"}</c>
    /// the result is <c>{"transactions": […], "cursor": …}</c>.
    /// </summary>
    public JsonRpcError? eth_pendingTransactions(RpcParams p, Utf8JsonWriter result)
    {
        var page = new PoolPager(backend, options).Read(p, nameof(eth_pendingTransactions));
        if (page.Paged)
        {
            result.WriteStartObject();
            result.WritePropertyName("transactions"u8);
        }

        result.WriteStartArray();
        foreach (var tx in page.Transactions)
        {
            TransactionJson.Write(result, tx, null, 0);
        }

        result.WriteEndArray();
        if (page.Paged)
        {
            result.WritePropertyName("cursor"u8);
            if (page.Cursor is { } cursor)
            {
                result.WriteStringValue(cursor);
            }
            else
            {
                result.WriteNullValue();
            }

            result.WriteEndObject();
        }

        return null;
    }

    // Counts and single transactions read only what they return (ILedgerBackend.GetBlockTransactionCount,
    // GetTransactionAt): explorers call them per block, and a block holds thousands of transactions.
    private void WriteCount(ulong? number, Utf8JsonWriter result)
    {
        if (number is { } n && backend.GetBlockTransactionCount(n) is { } count)
        {
            result.WriteQuantityValue((ulong)count);
        }
        else
        {
            result.WriteNullValue();
        }
    }

    private static void WriteZeroIfKnown(ulong? number, Utf8JsonWriter result)
    {
        if (number is null)
        {
            result.WriteNullValue();
        }
        else
        {
            result.WriteQuantityValue(0UL);
        }
    }

    private void WriteTransactionAt(ulong? number, ulong index, Utf8JsonWriter result)
    {
        if (number is { } n && index < int.MaxValue && backend.GetTransactionAt(n, (int)index) is { } found)
        {
            TransactionJson.Write(result, found.Transaction, found.Header, (int)index);
        }
        else
        {
            result.WriteNullValue();
        }
    }
}
