using System.Text.Json;
using Ledger.Core.Chain;
using Ledger.Core.Transactions;

namespace Ledger.JsonRpc.Serialization;

/// <summary>A receipt object with geth's fields. No contract creation and no fees: contractAddress is null, effectiveGasPrice 0.</summary>
public static class ReceiptJson
{
    /// <param name="firstLogIndex">Logs before this transaction's in the block: log indexes count within the block.</param>
    public static void Write(Utf8JsonWriter writer, BlockHeader block, SignedTransaction tx, int index, Receipt receipt, int firstLogIndex)
    {
        var blockHash = block.Hash;
        writer.WriteStartObject();
        writer.WriteHash("blockHash"u8, blockHash);
        writer.WriteQuantity("blockNumber"u8, block.Number);
        writer.WriteNull("contractAddress"u8);
        writer.WriteQuantity("cumulativeGasUsed"u8, receipt.CumulativeGasUsed);
        writer.WriteQuantity("effectiveGasPrice"u8, 0UL);
        writer.WriteAddressOrNull("from"u8, tx.HasSender ? tx.Sender : null);
        writer.WriteQuantity("gasUsed"u8, receipt.GasUsed);
        writer.WriteStartArray("logs"u8);
        for (var i = 0; i < receipt.Logs.Count; i++)
        {
            LogJson.Write(writer, receipt.Logs[i], block.Number, blockHash, tx.Hash, index, firstLogIndex + i);
        }

        writer.WriteEndArray();
        writer.WriteData("logsBloom"u8, receipt.Logs.Count == 0 ? EmptyBloom : Bloom.FromLogs(receipt.Logs));
        writer.WriteQuantity("status"u8, receipt.Success ? 1UL : 0UL);
        writer.WriteAddressOrNull("to"u8, tx.To);
        writer.WriteHash("transactionHash"u8, tx.Hash);
        writer.WriteQuantity("transactionIndex"u8, (ulong)index);
        writer.WriteQuantity("type"u8, (ulong)tx.Type);
        writer.WriteEndObject();
    }

    private static ReadOnlySpan<byte> EmptyBloom => new byte[Bloom.Length];
}
