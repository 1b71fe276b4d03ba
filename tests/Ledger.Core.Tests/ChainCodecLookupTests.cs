using Ledger.Core.Chain;
using Ledger.Core.Crypto;

namespace Ledger.Core.Tests;

/// <summary>The partial decoders behind a lookup by hash agree with decoding the whole block and receipt list.</summary>
public class ChainCodecLookupTests
{
    [Fact]
    public void Each_transaction_of_a_block_decodes_alone_as_in_the_whole_block()
    {
        var txs = Enumerable.Range(0, 7).Select(i => ChainBuilders.Transaction(i % 3, (ulong)i)).ToArray();
        var block = new Block(ChainBuilders.Header(round: 1), txs, null);
        var encoded = BlockCodec.Encode(block);
        var whole = BlockCodec.Decode(encoded);

        for (var i = 0; i < txs.Length; i++)
        {
            var (header, tx) = BlockCodec.DecodeTransactionAt(encoded, i) ?? throw new InvalidOperationException($"no transaction {i}");
            Assert.Equal(whole.Header, header);
            Assert.Equal(whole.Transactions[i].Hash, tx.Hash);
            Assert.Equal(whole.Transactions[i].Sender, tx.Sender);
            Assert.True(tx.HasSender);
        }

        Assert.Null(BlockCodec.DecodeTransactionAt(encoded, txs.Length));
        Assert.Null(BlockCodec.DecodeTransactionAt(BlockCodec.Encode(new Block(ChainBuilders.Header(), [], null)), 0));
    }

    [Fact]
    public void Each_receipt_decodes_alone_with_the_logs_emitted_before_it()
    {
        int[] logCounts = [2, 0, 3, 1, 0, 4];
        var receipts = logCounts.Select((n, i) => ChainBuilders.Receipt(Keccak256.Hash([(byte)i]), success: i != 1, logs: n)).ToArray();
        var encoded = ReceiptCodec.EncodeList(receipts);
        var whole = ReceiptCodec.DecodeList(encoded);

        for (var i = 0; i < receipts.Length; i++)
        {
            var (receipt, logsBefore) = ReceiptCodec.DecodeAt(encoded, i) ?? throw new InvalidOperationException($"no receipt {i}");
            Assert.Equal(logCounts.Take(i).Sum(), logsBefore);
            Assert.Equal(whole[i].TransactionHash, receipt.TransactionHash);
            Assert.Equal(whole[i].Success, receipt.Success);
            Assert.Equal(whole[i].CumulativeGasUsed, receipt.CumulativeGasUsed);
            Assert.Equal(whole[i].Logs.Count, receipt.Logs.Count);
        }

        Assert.Null(ReceiptCodec.DecodeAt(encoded, receipts.Length));
    }
}
