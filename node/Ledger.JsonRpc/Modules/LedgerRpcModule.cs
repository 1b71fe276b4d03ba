using System.Text.Json;
using Ledger.Core.Primitives;
using Ledger.JsonRpc.Parameters;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Modules;

/// <summary>The ledger_ namespace: what Ethereum has no method for (token and module discovery).</summary>
public sealed partial class LedgerRpcModule(ILedgerBackend backend)
{
    /// <summary>Most holders one ledger_getTokenHolders page returns (the token's balancesOf page).</summary>
    public const int MaxHolderPage = 1_000;

    /// <summary>[{address, symbol, name, currency, decimals, issuer}] for every deposit token in genesis.</summary>
    public JsonRpcError? ledger_getTokens(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteStartArray();
        foreach (var token in backend.Tokens)
        {
            result.WriteStartObject();
            result.WriteAddress("address"u8, token.Address);
            result.WriteString("symbol"u8, token.Symbol);
            result.WriteString("name"u8, token.Name);
            result.WriteString("currency"u8, token.Currency);
            result.WriteNumber("decimals"u8, token.Decimals);
            result.WriteString("issuer"u8, token.Issuer);
            result.WriteEndObject();
        }

        result.WriteEndArray();
        return null;
    }

    /// <summary>[{name, address, abi}] for every module, the ABI as JSON (not a string) so clients can use it directly.</summary>
    public JsonRpcError? ledger_getModules(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        result.WriteStartArray();
        foreach (var module in backend.Modules)
        {
            result.WriteStartObject();
            result.WriteString("name"u8, module.Name);
            result.WriteAddress("address"u8, module.Address);
            result.WritePropertyName("abi"u8);
            result.WriteRawValue(module.AbiJson);
            result.WriteEndObject();
        }

        result.WriteEndArray();
        return null;
    }

    /// <summary>
    /// ledger_getProof(account, token, block): a Merkle proof of the balance against the block's state root, which
    /// an auditor checks without trusting the node. Any block whose state the node keeps (the last 128) can be proven.
    /// </summary>
    public JsonRpcError? ledger_getProof(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(2, 3);
        var account = p.Address(0);
        var token = p.Address(1);
        var block = p.Block(2);
        if (!IsToken(token))
        {
            throw JsonRpcException.InvalidParams($"invalid argument 1: {token} is not a deposit token (see ledger_getTokens)");
        }

        var head = backend.HeadNumber;
        ulong number = block.Tag switch
        {
            BlockTag.Number => block.Number,
            BlockTag.Earliest => 0,
            BlockTag.Hash => backend.GetBlock(block.Hash)?.Header.Number
                ?? throw new JsonRpcException(JsonRpcErrorCode.InvalidInput, $"header for hash {block.Hash} not found (argument 2)"),
            _ => head,
        };
        if (number > head)
        {
            return JsonRpcError.InvalidInput("header not found");
        }

        var proof = backend.GetBalanceProof(account, token, number);
        if (proof is null)
        {
            return JsonRpcError.InvalidInput("this node does not serve state proofs");
        }

        WriteProof(result, account, token, proof);
        return null;
    }

    /// <summary>
    /// ledger_getTokenHolders(token, start, count): {block, total, holders: [{address, balance}]} — a page (1–1,000) of
    /// everyone who ever held the token, in order of first credit, with balances at the head. A supervisory read: by
    /// default only the regulator and operator roles may call it (docs/security.md).
    /// </summary>
    public JsonRpcError? ledger_getTokenHolders(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(3, 3);
        var token = p.Address(0);
        if (!IsToken(token))
        {
            throw JsonRpcException.InvalidParams($"invalid argument 0: {token} is not a deposit token (see ledger_getTokens)");
        }

        var start = p.Quantity(1);
        var count = p.Quantity(2);
        if (count is 0 or > MaxHolderPage)
        {
            throw JsonRpcException.InvalidParams($"invalid argument 2: count must be 1 to {MaxHolderPage}, got {count}");
        }

        if (backend.GetTokenHolders(token, start, (int)count) is not { } page)
        {
            return JsonRpcError.InvalidInput("this node does not list token holders");
        }

        result.WriteStartObject();
        result.WriteQuantity("block"u8, page.Block);
        result.WriteQuantity("total"u8, page.Total);
        result.WriteStartArray("holders"u8);
        foreach (var (account, balance) in page.Holders)
        {
            result.WriteStartObject();
            result.WriteAddress("address"u8, account);
            result.WriteQuantity("balance"u8, balance);
            result.WriteEndObject();
        }

        result.WriteEndArray();
        result.WriteEndObject();
        return null;
    }

    /// <summary>{height, round, proposer, validators, peers, roundTimeoutMs}: the height and round being decided now.</summary>
    public JsonRpcError? ledger_consensusStatus(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(0, 0);
        if (backend.GetConsensusStatus() is not { } status)
        {
            return JsonRpcError.InvalidInput("this node does not report consensus status");
        }

        result.WriteStartObject();
        result.WriteQuantity("height"u8, status.Height);
        result.WriteQuantity("round"u8, status.Round);
        result.WriteAddress("proposer"u8, status.Proposer);
        result.WriteStartArray("validators"u8);
        foreach (var validator in status.Validators)
        {
            result.WriteAddressValue(validator);
        }

        result.WriteEndArray();
        result.WriteStartArray("peers"u8);
        foreach (var peer in status.Peers)
        {
            result.WriteAddressValue(peer);
        }

        result.WriteEndArray();
        result.WriteNumber("roundTimeoutMs"u8, status.RoundTimeoutMs);
        result.WriteEndObject();
        return null;
    }

    private bool IsToken(Address address)
    {
        foreach (var token in backend.Tokens)
        {
            if (token.Address == address)
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteProof(Utf8JsonWriter result, Address account, Address token, BalanceProof proof)
    {
        result.WriteStartObject();
        result.WriteAddress("account"u8, account);
        result.WriteAddress("token"u8, token);
        result.WriteQuantity("balance"u8, proof.Value is { Length: > 0 } v ? UInt256.FromBigEndianVariable(v) : UInt256.Zero);
        result.WriteQuantity("blockNumber"u8, proof.BlockNumber);
        result.WriteHash("blockHash"u8, proof.BlockHash);
        result.WriteHash("stateRoot"u8, proof.StateRoot);
        result.WriteAddress("namespace"u8, proof.Namespace);
        result.WriteData("key"u8, proof.Key);
        result.WriteData("value"u8, proof.Value ?? []);
        result.WriteHash("leafKey"u8, proof.LeafKey);
        result.WriteQuantity("bucket"u8, (ulong)proof.Bucket);
        result.WriteStartArray("bucketEntries"u8);
        foreach (var entry in proof.BucketEntries)
        {
            result.WriteStartObject();
            result.WriteHash("leafKey"u8, entry.LeafKey);
            result.WriteHash("entryHash"u8, entry.EntryHash);
            result.WriteEndObject();
        }

        result.WriteEndArray();
        result.WriteStartArray("siblings"u8);
        foreach (var sibling in proof.Siblings)
        {
            result.WriteHashValue(sibling);
        }

        result.WriteEndArray();
        result.WriteEndObject();
    }
}
