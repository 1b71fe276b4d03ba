using System.Text.Json;
using Ledger.JsonRpc.Parameters;
using Ledger.JsonRpc.Serialization;

namespace Ledger.JsonRpc.Modules;

public sealed partial class EthRpcModule
{
    /// <summary>geth's cap on blockCount; larger requests are clamped, not refused.</summary>
    public const int MaxFeeHistoryBlocks = 1024;

    /// <summary>
    /// Fee history without fees: base fees and rewards are all 0, gasUsedRatio is real. Wallets (ethers'
    /// getFeeData, MetaMask) use it to price transactions, and a 0 price is what Ledger accepts.
    /// </summary>
    public JsonRpcError? eth_feeHistory(RpcParams p, Utf8JsonWriter result)
    {
        p.Expect(2, 3);
        var blockCount = BlockCount(p[0]);
        var head = backend.HeadNumber;
        var newest = p.Block(1, allowHash: false);
        var newestNumber = newest.Tag switch
        {
            BlockTag.Earliest => 0UL,
            BlockTag.Number => newest.Number,
            _ => head,
        };
        if (newestNumber > head)
        {
            return JsonRpcError.InvalidInput($"request beyond head block: requested {newestNumber}, head {head}");
        }

        var percentiles = p.IsPresent(2) ? Percentiles(p[2]) : -1;
        var count = (ulong)Math.Min(blockCount, MaxFeeHistoryBlocks);
        count = Math.Min(count, newestNumber + 1);
        var oldest = count == 0 ? 0 : newestNumber - count + 1;

        result.WriteStartObject();
        result.WriteQuantity("oldestBlock"u8, oldest);
        if (percentiles >= 0 && count > 0)
        {
            result.WriteStartArray("reward"u8);
            for (ulong i = 0; i < count; i++)
            {
                result.WriteStartArray();
                for (var j = 0; j < percentiles; j++)
                {
                    result.WriteQuantityValue(0UL);
                }

                result.WriteEndArray();
            }

            result.WriteEndArray();
        }

        // One more base fee than blocks: the last is the next block's.
        result.WriteStartArray("baseFeePerGas"u8);
        for (ulong i = 0; i < (count == 0 ? 0 : count + 1); i++)
        {
            result.WriteQuantityValue(0UL);
        }

        result.WriteEndArray();
        result.WriteStartArray("gasUsedRatio"u8);
        for (var number = oldest; count > 0 && number <= newestNumber; number++)
        {
            var header = backend.GetBlock(number)?.Header;
            result.WriteNumberValue(header is null || header.GasLimit == 0 ? 0d : (double)header.GasUsed / header.GasLimit);
        }

        result.WriteEndArray();
        result.WriteEndObject();
        return null;
    }

    /// <summary>geth accepts blockCount as a hex quantity or a decimal (string or number).</summary>
    private static ulong BlockCount(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            return element.TryGetUInt64(out var n) ? n : throw new ArgPath(0).Error("blockCount must be a non-negative integer");
        }

        if (element.ValueKind == JsonValueKind.String && ulong.TryParse(element.GetString(), System.Globalization.NumberStyles.None, null, out var decimalCount))
        {
            return decimalCount;
        }

        return JsonParse.Quantity(element, new ArgPath(0));
    }

    /// <summary>Checks the percentiles (numbers in [0, 100], non-decreasing) and returns how many there are.</summary>
    private static int Percentiles(JsonElement element)
    {
        var at = new ArgPath(2);
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw at.Error($"expected an array of reward percentiles, got {JsonParse.Describe(element)}");
        }

        var previous = 0d;
        var count = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var value) || value < 0 || value > 100)
            {
                throw at.Error($"invalid reward percentile #{count}: expected a number between 0 and 100");
            }

            if (value < previous)
            {
                throw at.Error($"invalid reward percentile #{count}: {value} is smaller than the one before it");
            }

            previous = value;
            count++;
        }

        return count;
    }
}
