using System.Text.Json;
using Ledger.Core.Primitives;

namespace Ledger.LoadGen.Rpc;

/// <summary>Typed helpers for the handful of Ethereum methods the load generator and the process tests use.</summary>
public static class LedgerRpcExtensions
{
    public static async Task<ulong> ChainIdAsync(this JsonRpcClient client, CancellationToken cancellationToken = default) =>
        ParseQuantity(await client.CallAsync("eth_chainId", [], cancellationToken), "eth_chainId");

    public static async Task<ulong> BlockNumberAsync(this JsonRpcClient client, CancellationToken cancellationToken = default) =>
        ParseQuantity(await client.CallAsync("eth_blockNumber", [], cancellationToken), "eth_blockNumber");

    public static async Task<ulong> GetTransactionCountAsync(this JsonRpcClient client, Address account, string blockTag, CancellationToken cancellationToken = default) =>
        ParseQuantity(await client.CallAsync("eth_getTransactionCount", [account.ToString(), blockTag], cancellationToken), "eth_getTransactionCount");

    /// <summary>The block with transaction hashes only, or null when the node has no such block.</summary>
    public static async Task<JsonElement?> GetBlockAsync(this JsonRpcClient client, ulong number, CancellationToken cancellationToken = default)
    {
        var block = await client.CallAsync("eth_getBlockByNumber", [Hex.EncodeQuantity(number), false], cancellationToken);
        return block.ValueKind == JsonValueKind.Null ? null : block;
    }

    /// <summary>The receipt, or null while the transaction is not committed.</summary>
    public static async Task<JsonElement?> GetReceiptAsync(this JsonRpcClient client, string transactionHash, CancellationToken cancellationToken = default)
    {
        var receipt = await client.CallAsync("eth_getTransactionReceipt", [transactionHash], cancellationToken);
        return receipt.ValueKind == JsonValueKind.Null ? null : receipt;
    }

    /// <summary>Polls for a receipt until it appears or <paramref name="timeout"/> passes (then throws).</summary>
    public static async Task<JsonElement> WaitForReceiptAsync(this JsonRpcClient client, string transactionHash, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await client.GetReceiptAsync(transactionHash, cancellationToken) is { } receipt)
            {
                return receipt;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no receipt for {transactionHash} within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(25, cancellationToken);
        }
    }

    /// <summary>eth_call at "latest" returning one uint256 word (balanceOf, totalSupply …).</summary>
    public static async Task<UInt256> CallUInt256Async(this JsonRpcClient client, Address to, byte[] data, CancellationToken cancellationToken = default)
    {
        var call = new Dictionary<string, string> { ["to"] = to.ToString(), ["data"] = Hex.Encode(data) };
        var result = await client.CallAsync("eth_call", [call, "latest"], cancellationToken);
        var bytes = Hex.Decode(result.GetString() ?? throw new FormatException("eth_call returned a non-string result"));
        return bytes.Length == 32
            ? UInt256.FromBigEndian(bytes)
            : throw new FormatException($"eth_call returned {bytes.Length} bytes where one 32-byte word was expected");
    }

    /// <summary>Sends one signed transaction and returns the hash the node computed.</summary>
    public static async Task<string> SendRawTransactionAsync(this JsonRpcClient client, byte[] raw, CancellationToken cancellationToken = default) =>
        (await client.CallAsync("eth_sendRawTransaction", [Hex.Encode(raw)], cancellationToken)).GetString()
        ?? throw new FormatException("eth_sendRawTransaction returned a non-string result");

    public static ulong ParseQuantity(JsonElement value, string what) =>
        value.ValueKind == JsonValueKind.String && Hex.TryDecodeQuantity(value.GetString(), out var quantity)
            ? quantity
            : throw new FormatException($"{what}: expected a hex quantity, got {value.GetRawText()}");

    public static ulong GetQuantity(this JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var value)
            ? ParseQuantity(value, property)
            : throw new FormatException($"no '{property}' in {obj.GetRawText()}");

    public static string GetText(this JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"no string '{property}' in {obj.GetRawText()}");
}
