using System.Text.Json;
using Ledger.Core.Chain;
using Ledger.Core.Primitives;
using Ledger.JsonRpc.Parameters;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Modules;

/// <summary>
/// The eth_ namespace. Handlers are thin: parse, ask the backend, write. Ledger has no native coin, no
/// fees and instant finality, so balances and prices are 0 and every tag but earliest means the head.
/// </summary>
public sealed partial class EthRpcModule(ILedgerBackend backend, JsonRpcOptions options)
{
    /// <summary>
    /// What eth_getCode returns for a module address: 0xfe (INVALID, so an EVM would stop at once) then ASCII
    /// "ledger-module". Tools such as ethers only check that code is non-empty before calling.
    /// </summary>
    public static ReadOnlySpan<byte> ModuleCodeMarker =>
        [0xfe, (byte)'l', (byte)'e', (byte)'d', (byte)'g', (byte)'e', (byte)'r', (byte)'-', (byte)'m', (byte)'o', (byte)'d', (byte)'u', (byte)'l', (byte)'e'];

    public JsonRpcError? eth_chainId(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteQuantityValue(backend.ChainId);
        return null;
    }

    public JsonRpcError? eth_blockNumber(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteQuantityValue(backend.HeadNumber);
        return null;
    }

    /// <summary>A single validator or a BFT set never "syncs" in the Ethereum sense from a client's view.</summary>
    public JsonRpcError? eth_syncing(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteBooleanValue(false);
        return null;
    }

    /// <summary>The node holds no user keys: clients sign locally.</summary>
    public JsonRpcError? eth_accounts(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteStartArray();
        result.WriteEndArray();
        return null;
    }

    public JsonRpcError? eth_gasPrice(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteQuantityValue(0UL);
        return null;
    }

    public JsonRpcError? eth_maxPriorityFeePerGas(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteQuantityValue(0UL);
        return null;
    }

    /// <summary>Always 0 (no native coin); the address and block are still validated.</summary>
    public JsonRpcError? eth_getBalance(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 2);
        p.Address(0);
        StateBlock(p.Block(1), 1);
        result.WriteQuantityValue(0UL);
        return null;
    }

    public JsonRpcError? eth_getCode(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 2);
        var address = p.Address(0);
        StateBlock(p.Block(1), 1);
        var modules = backend.Modules;
        for (var i = 0; i < modules.Count; i++)
        {
            if (modules[i].Address == address)
            {
                result.WriteDataValue(ModuleCodeMarker);
                return null;
            }
        }

        result.WriteDataValue([]);
        return null;
    }

    /// <summary>
    /// Modules keep their state in typed records, not in 32-byte EVM slots, so there is no slot to read: every
    /// well-formed query gets this documented -32000, which tells the caller to use the module's view functions.
    /// </summary>
    public JsonRpcError? eth_getStorageAt(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(2, 3);
        p.Address(0);
        var slot = p[1];
        if (slot.ValueKind != JsonValueKind.String || slot.GetString() is not { Length: > 2 and <= 66 } text || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            throw JsonRpcException.InvalidParams("invalid argument 1: expected a storage slot as 0x-prefixed hex of at most 32 bytes");
        }

        StateBlock(p.Block(2), 2);
        return JsonRpcError.InvalidInput("eth_getStorageAt is not supported: Ledger modules have no EVM storage slots; call the module's view functions with eth_call");
    }

    public JsonRpcError? eth_getTransactionCount(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(1, 2);
        var account = p.Address(0);
        var block = p.Block(1);
        if (block.Tag == BlockTag.Pending)
        {
            result.WriteQuantityValue(backend.GetTransactionCount(account, pending: true));
            return null;
        }

        var head = backend.HeadNumber;
        var number = StateBlock(block, 1);
        if (number == head)
        {
            result.WriteQuantityValue(backend.GetTransactionCount(account, pending: false));
            return null;
        }

        if (backend.GetTransactionCountAt(account, number) is { } count)
        {
            result.WriteQuantityValue(count);
            return null;
        }

        return JsonRpcError.InvalidInput($"state of block {number} is no longer available, query latest or pending");
    }

    /// <summary>
    /// The block a state query runs against: tags resolve to the head (earliest to 0), a hash to its block.
    /// A block that does not exist is the error geth gives, "header not found".
    /// </summary>
    private ulong StateBlock(BlockParameter block, int argument)
    {
        var head = backend.HeadNumber;
        var number = block.Tag switch
        {
            BlockTag.Earliest => 0UL,
            BlockTag.Number => block.Number,
            BlockTag.Hash => backend.GetBlock(block.Hash)?.Header.Number
                ?? throw new JsonRpcException(JsonRpcErrorCode.InvalidInput, $"header for hash {block.Hash} not found (argument {argument})"),
            _ => head,
        };
        return number <= head ? number : throw new JsonRpcException(JsonRpcErrorCode.InvalidInput, "header not found");
    }

    /// <summary>The block a query names, or null when it does not exist (getBlockBy* answer null then).</summary>
    /// <summary>The number of a committed block named by tag, number or hash; null if there is none.</summary>
    private ulong? FindNumber(BlockParameter block) => block.Tag switch
    {
        BlockTag.Earliest => 0UL,
        BlockTag.Number => block.Number <= backend.HeadNumber ? block.Number : null,
        BlockTag.Hash => backend.GetHeader(block.Hash)?.Number,
        _ => backend.HeadNumber,
    };

    private Block? FindBlock(BlockParameter block) => block.Tag switch
    {
        BlockTag.Earliest => backend.GetBlock(0),
        BlockTag.Number => block.Number <= backend.HeadNumber ? backend.GetBlock(block.Number) : null,
        BlockTag.Hash => backend.GetBlock(block.Hash),
        _ => backend.GetBlock(backend.HeadNumber),
    };
}
