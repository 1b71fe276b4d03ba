using System.Text.Json;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.LoadGen.Chain;
using Ledger.LoadGen.Rpc;

namespace Ledger.IntegrationTests.Infrastructure;

/// <summary>Reads what the process tests compare before and after a restart, through JSON-RPC only.</summary>
public static class ChainReader
{
    public const int DevAccounts = 10;

    /// <summary>USDA balances of dev accounts 0–9 (the only holders the tests move money between).</summary>
    public static async Task<UInt256[]> DevBalancesAsync(JsonRpcClient rpc, Address token)
    {
        var balances = new UInt256[DevAccounts];
        for (var i = 0; i < DevAccounts; i++)
        {
            balances[i] = await rpc.CallUInt256Async(token, Calls.BalanceOf(DevKeys.Address(i)));
        }

        return balances;
    }

    public static UInt256 Sum(IEnumerable<UInt256> values) => values.Aggregate(UInt256.Zero, (a, b) => a + b);

    /// <summary>Block hashes 0..<paramref name="to"/>, fetched in batches.</summary>
    public static async Task<string[]> BlockHashesAsync(JsonRpcClient rpc, ulong to)
    {
        var blocks = await BlocksAsync(rpc, to);
        return blocks.Select(b => b.GetText("hash")).ToArray();
    }

    public static async Task<JsonElement[]> BlocksAsync(JsonRpcClient rpc, ulong to)
    {
        var blocks = new List<JsonElement>();
        for (var start = 0UL; start <= to; start += 100)
        {
            var end = Math.Min(to, start + 99);
            var calls = new List<JsonRpcCall>();
            for (var n = start; n <= end; n++)
            {
                calls.Add(new JsonRpcCall("eth_getBlockByNumber", Hex.EncodeQuantity(n), false));
            }

            foreach (var answer in await rpc.BatchAsync(calls))
            {
                Assert.True(answer.Error is null, $"eth_getBlockByNumber failed: {answer.Error}");
                Assert.True(answer.Result.ValueKind == JsonValueKind.Object, $"block {start + (ulong)blocks.Count} is missing below the head {to}");
                blocks.Add(answer.Result);
            }
        }

        return [.. blocks];
    }

    /// <summary>Receipts by hash (null where the node has none), fetched in batches.</summary>
    public static async Task<JsonElement?[]> ReceiptsAsync(JsonRpcClient rpc, IReadOnlyList<string> hashes)
    {
        var receipts = new JsonElement?[hashes.Count];
        for (var start = 0; start < hashes.Count; start += 200)
        {
            var count = Math.Min(200, hashes.Count - start);
            var calls = Enumerable.Range(start, count).Select(i => new JsonRpcCall("eth_getTransactionReceipt", hashes[i])).ToArray();
            var answers = await rpc.BatchAsync(calls);
            for (var i = 0; i < count; i++)
            {
                Assert.True(answers[i].Error is null, $"eth_getTransactionReceipt failed: {answers[i].Error}");
                receipts[start + i] = answers[i].Result.ValueKind == JsonValueKind.Object ? answers[i].Result : null;
            }
        }

        return receipts;
    }
}
