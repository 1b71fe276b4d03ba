using System.Text.Json;
using Ledger.Core.Chain;
using Ledger.Core.Transactions;

namespace Ledger.JsonRpc.Serialization;

/// <summary>A transaction object with geth's fields and order; block fields are null while it is pending.</summary>
public static class TransactionJson
{
    public static void Write(Utf8JsonWriter writer, SignedTransaction tx, BlockHeader? block, int index)
    {
        writer.WriteStartObject();
        if (block is null)
        {
            writer.WriteNull("blockHash"u8);
            writer.WriteNull("blockNumber"u8);
            writer.WriteNull("blockTimestamp"u8);
        }
        else
        {
            writer.WriteHash("blockHash"u8, block.Hash);
            writer.WriteQuantity("blockNumber"u8, block.Number);
            writer.WriteQuantity("blockTimestamp"u8, block.TimestampMs / 1000);
        }

        writer.WriteAddressOrNull("from"u8, tx.HasSender ? tx.Sender : null);
        writer.WriteQuantity("gas"u8, tx.GasLimit);

        // Nothing is charged, so gasPrice is what the sender signed (maxFeePerGas for EIP-1559), not a price paid.
        writer.WriteQuantity("gasPrice"u8, tx.Type == TxType.DynamicFee ? tx.MaxFeePerGas : tx.GasPrice);
        if (tx.Type == TxType.DynamicFee)
        {
            writer.WriteQuantity("maxFeePerGas"u8, tx.MaxFeePerGas);
            writer.WriteQuantity("maxPriorityFeePerGas"u8, tx.MaxPriorityFeePerGas);
        }

        writer.WriteHash("hash"u8, tx.Hash);
        writer.WriteData("input"u8, tx.Data);
        writer.WriteQuantity("nonce"u8, tx.Nonce);
        writer.WriteAddressOrNull("to"u8, tx.To);
        if (block is null)
        {
            writer.WriteNull("transactionIndex"u8);
        }
        else
        {
            writer.WriteQuantity("transactionIndex"u8, (ulong)index);
        }

        writer.WriteQuantity("value"u8, tx.Value);
        writer.WriteQuantity("type"u8, (ulong)tx.Type);
        if (tx.Type != TxType.Legacy)
        {
            WriteAccessList(writer, tx.AccessList);
        }

        // Ledger refuses unprotected legacy transactions, so every transaction carries its chain id.
        writer.WriteQuantity("chainId"u8, tx.ChainId);
        writer.WriteQuantity("v"u8, tx.V);
        writer.WriteQuantity("r"u8, tx.R);
        writer.WriteQuantity("s"u8, tx.S);
        if (tx.Type != TxType.Legacy)
        {
            writer.WriteQuantity("yParity"u8, tx.V);
        }

        writer.WriteEndObject();
    }

    private static void WriteAccessList(Utf8JsonWriter writer, IReadOnlyList<AccessListEntry> accessList)
    {
        writer.WriteStartArray("accessList"u8);
        foreach (var entry in accessList)
        {
            writer.WriteStartObject();
            writer.WriteAddress("address"u8, entry.Address);
            writer.WriteStartArray("storageKeys"u8);
            foreach (var key in entry.StorageKeys)
            {
                writer.WriteHashValue(key);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
