using System.Text.Json;
using Ledger.Core.Chain;

namespace Ledger.JsonRpc.Serialization;

/// <summary>
/// A block object with geth's fields (alphabetical, as geth writes them). Ledger has no proof of work, no
/// uncles and no base fee, so those fields hold the neutral values Ethereum tools expect after the merge.
/// </summary>
public static class BlockJson
{
    /// <summary>Keccak-256 of RLP([]): the uncles hash of every block without uncles.</summary>
    private static ReadOnlySpan<byte> EmptyUnclesHash =>
    [
        0x1d, 0xcc, 0x4d, 0xe8, 0xde, 0xc7, 0x5d, 0x7a, 0xab, 0x85, 0xb5, 0x67, 0xb6, 0xcc, 0xd4, 0x1a,
        0xd3, 0x12, 0x45, 0x1b, 0x94, 0x8a, 0x74, 0x13, 0xf0, 0xa1, 0x42, 0xfd, 0x40, 0xd4, 0x93, 0x47,
    ];

    public static void Write(Utf8JsonWriter writer, Block block, bool fullTransactions) =>
        WriteObject(writer, block.Header, block, fullTransactions);

    /// <summary>The header object of an eth_subscribe newHeads notification: the block fields without transactions, uncles, size.</summary>
    public static void WriteHeader(Utf8JsonWriter writer, Block block)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(block);
        WriteObject(writer, block.Header, null, fullTransactions: false);
    }

    /// <summary>The same header object from a header alone (eth_getHeaderByNumber).</summary>
    public static void WriteHeader(Utf8JsonWriter writer, BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(header);
        WriteObject(writer, header, null, fullTransactions: false);
    }

    /// <summary>
    /// One writer for both shapes, so a block and its newHeads header can never disagree on a field; the block
    /// alone adds size, totalDifficulty, transactions and uncles, each in its alphabetical place.
    /// </summary>
    private static void WriteObject(Utf8JsonWriter writer, BlockHeader header, Block? block, bool fullTransactions)
    {
        writer.WriteStartObject();
        writer.WriteQuantity("baseFeePerGas"u8, 0UL);
        writer.WriteQuantity("difficulty"u8, 0UL);
        writer.WriteData("extraData"u8, []);
        writer.WriteQuantity("gasLimit"u8, header.GasLimit);
        writer.WriteQuantity("gasUsed"u8, header.GasUsed);
        writer.WriteHash("hash"u8, header.Hash);
        writer.WriteData("logsBloom"u8, header.LogsBloom);
        writer.WriteAddress("miner"u8, header.Proposer);
        writer.WriteData("mixHash"u8, stackalloc byte[32]);
        writer.WriteData("nonce"u8, stackalloc byte[8]);
        writer.WriteQuantity("number"u8, header.Number);
        writer.WriteHash("parentHash"u8, header.ParentHash);
        writer.WriteHash("receiptsRoot"u8, header.ReceiptsRoot);
        writer.WriteData("sha3Uncles"u8, EmptyUnclesHash);
        if (block is not null)
        {
            writer.WriteQuantity("size"u8, Size(block));
        }

        writer.WriteHash("stateRoot"u8, header.StateRoot);
        writer.WriteQuantity("timestamp"u8, header.TimestampMs / 1000);
        if (block is not null)
        {
            writer.WriteQuantity("totalDifficulty"u8, 0UL);
            WriteTransactions(writer, block, fullTransactions);
        }

        writer.WriteHash("transactionsRoot"u8, header.TransactionsRoot);
        if (block is not null)
        {
            writer.WriteStartArray("uncles"u8);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteTransactions(Utf8JsonWriter writer, Block block, bool fullTransactions)
    {
        writer.WriteStartArray("transactions"u8);
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            if (fullTransactions)
            {
                TransactionJson.Write(writer, block.Transactions[i], block.Header, i);
            }
            else
            {
                writer.WriteHashValue(block.Transactions[i].Hash);
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Bytes of the header encoding plus the signed transactions. Cheap (no re-encoding of the block, which
    /// ethers asks for on every fee estimate) and close to geth's RLP size; the certificate is not counted.
    /// </summary>
    public static ulong Size(Block block)
    {
        var size = (ulong)BlockHeaderCodec.Encode(block.Header).Length;
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            size += (ulong)block.Transactions[i].Raw.Length;
        }

        return size;
    }
}
