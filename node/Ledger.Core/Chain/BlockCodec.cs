using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.Core.Chain;

/// <summary>
/// Block encoding for storage and sync: <c>rlp([header, [[rawTx, sender], ...], certificate | []])</c>. Each
/// transaction keeps its recovered sender (empty if it has none), so loading a block never repeats the curve
/// work; a node that receives a block from a peer must not trust those senders and re-recovers them.
/// </summary>
public static class BlockCodec
{
    public static byte[] Encode(Block block)
    {
        var size = 1024;
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            size += block.Transactions[i].Raw.Length + 32;
        }

        var writer = new RlpWriter(size);
        writer.StartList();
        BlockHeaderCodec.Write(writer, block.Header, includeRound: true);
        writer.StartList();
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var tx = block.Transactions[i];
            writer.StartList().WriteBytes(tx.Raw);
            if (tx.HasSender)
            {
                writer.WriteAddress(tx.Sender);
            }
            else
            {
                writer.WriteBytes([]);
            }

            writer.EndList();
        }

        writer.EndList();
        if (block.Certificate is { } certificate)
        {
            CommitCertificateCodec.Write(writer, certificate);
        }
        else
        {
            writer.StartList().EndList();
        }

        writer.EndList();
        return writer.ToArray();
    }

    /// <summary>Throws <see cref="FormatException"/> (RLP or transaction errors) naming what is wrong.</summary>
    public static Block Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new RlpReader(encoded);
        var list = reader.ReadList();
        reader.EnsureFinished("the block");
        var count = list.CountRemainingItems();
        if (count != 3)
        {
            throw new RlpException($"a block has 3 fields (header, transactions, certificate), got {count}");
        }

        var header = BlockHeaderCodec.Read(ref list);
        var txsReader = list.ReadList();
        var transactions = new List<SignedTransaction>(txsReader.CountRemainingItems());
        while (txsReader.HasMore)
        {
            transactions.Add(ReadTransaction(txsReader.ReadList(), transactions.Count));
        }

        var certificateReader = list.ReadList();
        var certificate = certificateReader.HasMore ? CommitCertificateCodec.Read(certificateReader) : null;
        return new Block(header, transactions, certificate);
    }

    /// <summary>
    /// The header and the transaction at <paramref name="index"/> of an encoded block, without decoding the other
    /// transactions: a lookup by hash in a block of thousands of transfers then costs one transaction's decode and
    /// hash, not every transaction's (eth_getTransactionByHash, the console's transaction page). Null when the block
    /// has no transaction at <paramref name="index"/>.
    /// </summary>
    public static (BlockHeader Header, SignedTransaction Transaction)? DecodeTransactionAt(ReadOnlySpan<byte> encoded, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var reader = new RlpReader(encoded);
        var list = reader.ReadList();
        var header = BlockHeaderCodec.Read(ref list);
        var txsReader = list.ReadList();
        for (var skipped = 0; skipped < index; skipped++)
        {
            if (!txsReader.HasMore)
            {
                return null;
            }

            _ = txsReader.ReadEncodedItem();
        }

        return txsReader.HasMore ? (header, ReadTransaction(txsReader.ReadList(), index)) : null;
    }

    /// <summary>The number of transactions of an encoded block, read from the list's item headers alone.</summary>
    public static int CountTransactions(ReadOnlySpan<byte> encoded)
    {
        var reader = new RlpReader(encoded);
        var list = reader.ReadList();
        _ = list.ReadEncodedItem(); // the header
        return list.ReadList().CountRemainingItems();
    }

    private static SignedTransaction ReadTransaction(RlpReader entry, int index)
    {
        var raw = entry.ReadBytes();
        var sender = entry.ReadBytes();
        entry.EnsureFinished($"block transaction {index} [raw, sender]");
        SignedTransaction tx;
        try
        {
            tx = TransactionDecoder.Decode(raw);
        }
        catch (TransactionFormatException ex)
        {
            throw new TransactionFormatException($"block transaction {index}: {ex.Message}", ex);
        }

        if (sender.Length == Address.Length)
        {
            tx.Sender = new Address(sender);
            tx.HasSender = true;
        }
        else if (sender.Length != 0)
        {
            throw new RlpException($"block transaction {index}: a sender is 20 bytes or empty, got {sender.Length}");
        }

        return tx;
    }
}
