using System.Text.Json;
using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.JsonRpc.Serialization;

/// <summary>A log object as geth writes it (eth_getLogs, receipts). Finality is instant, so removed is always false.</summary>
public static class LogJson
{
    public static void Write(Utf8JsonWriter writer, LogEntry log, ulong blockNumber, Hash32 blockHash, Hash32 transactionHash, int transactionIndex, int logIndex)
    {
        writer.WriteStartObject();
        writer.WriteAddress("address"u8, log.Address);
        writer.WriteStartArray("topics"u8);
        for (var i = 0; i < log.Topics.Count; i++)
        {
            writer.WriteHashValue(log.Topics[i]);
        }

        writer.WriteEndArray();
        writer.WriteData("data"u8, log.Data);
        writer.WriteQuantity("blockNumber"u8, blockNumber);
        writer.WriteHash("transactionHash"u8, transactionHash);
        writer.WriteQuantity("transactionIndex"u8, (ulong)transactionIndex);
        writer.WriteHash("blockHash"u8, blockHash);
        writer.WriteQuantity("logIndex"u8, (ulong)logIndex);
        writer.WriteBoolean("removed"u8, false);
        writer.WriteEndObject();
    }
}
