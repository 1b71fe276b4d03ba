using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.Core.Tests;

public class ChainCodecTests
{
    [Fact]
    public void A_block_round_trips_with_its_senders_and_certificate()
    {
        var txs = new[] { ChainBuilders.Transaction(0, 0), ChainBuilders.Transaction(1, 0), ChainBuilders.Transaction(0, 1) };
        var header = ChainBuilders.Header(round: 2);
        var certificate = new CommitCertificate(header.Hash, 2, [CommitCertificates.CreateSeal(header.Hash, 2, TestKeys.Key(0), Ecdsa.Default)]);
        var block = new Block(header, txs, certificate);

        var decoded = BlockCodec.Decode(BlockCodec.Encode(block));

        Assert.Equal(header, decoded.Header);
        Assert.Equal(txs.Length, decoded.Transactions.Count);
        for (var i = 0; i < txs.Length; i++)
        {
            Assert.Equal(txs[i].Hash, decoded.Transactions[i].Hash);
            Assert.Equal(txs[i].Raw, decoded.Transactions[i].Raw);
            Assert.True(decoded.Transactions[i].HasSender);
            Assert.Equal(txs[i].Sender, decoded.Transactions[i].Sender);
        }

        Assert.NotNull(decoded.Certificate);
        Assert.Equal(certificate.BlockHash, decoded.Certificate.BlockHash);
        Assert.Equal(2u, decoded.Certificate.Round);
        Assert.Equal(certificate.Seals[0].Validator, decoded.Certificate.Seals[0].Validator);
        Assert.Equal(certificate.Seals[0].Signature65, decoded.Certificate.Seals[0].Signature65);
    }

    [Fact]
    public void An_empty_block_without_certificate_round_trips()
    {
        var block = new Block(ChainBuilders.Header(), [], null);
        var decoded = BlockCodec.Decode(BlockCodec.Encode(block));
        Assert.Empty(decoded.Transactions);
        Assert.Null(decoded.Certificate);
        Assert.Equal(block.Header.Hash, decoded.Header.Hash);
    }

    [Fact]
    public void A_transaction_without_a_recovered_sender_stays_without_one()
    {
        var tx = TransactionDecoder.Decode(ChainBuilders.Transaction(2, 0).Raw);
        var decoded = BlockCodec.Decode(BlockCodec.Encode(new Block(ChainBuilders.Header(), [tx], null)));
        Assert.False(decoded.Transactions[0].HasSender);
    }

    [Fact]
    public void A_block_with_a_corrupt_transaction_names_it()
    {
        var tx = ChainBuilders.Transaction(0, 0);
        var encoded = BlockCodec.Encode(new Block(ChainBuilders.Header(), [tx], null));
        // Flip the transaction's type byte (0x02) inside the block encoding to an unknown type.
        var index = encoded.AsSpan().IndexOf(tx.Raw);
        encoded[index] = 0x05;
        var ex = Assert.Throws<TransactionFormatException>(() => BlockCodec.Decode(encoded));
        Assert.Contains("block transaction 0", ex.Message);
        Assert.Contains("unsupported transaction type 0x05", ex.Message);
    }

    [Fact]
    public void Receipts_round_trip_singly_and_as_a_list()
    {
        var receipts = new[]
        {
            ChainBuilders.Receipt(Keccak256.Hash("a"u8), success: true, logs: 2),
            ChainBuilders.Receipt(Keccak256.Hash("b"u8), success: false, logs: 0),
        };
        foreach (var receipt in receipts)
        {
            AssertSame(receipt, ReceiptCodec.Decode(ReceiptCodec.Encode(receipt)));
        }

        var list = ReceiptCodec.DecodeList(ReceiptCodec.EncodeList(receipts));
        Assert.Equal(2, list.Count);
        AssertSame(receipts[0], list[0]);
        AssertSame(receipts[1], list[1]);
        Assert.Empty(ReceiptCodec.DecodeList(ReceiptCodec.EncodeList([])));
    }

    [Fact]
    public void Corrupt_receipts_are_rejected()
    {
        var encoded = ReceiptCodec.Encode(ChainBuilders.Receipt(Hash32.Zero, true, 1));
        var (_, fields) = RawTransactions.Split(encoded);
        fields[1] = RawTransactions.Scalar(2);
        Assert.Contains("status must be 0 or 1", Assert.Throws<RlpException>(() => ReceiptCodec.Decode(RawTransactions.Join(null, fields))).Message);
        Assert.Contains("7 fields", Assert.Throws<RlpException>(() => ReceiptCodec.Decode(RawTransactions.Join(null, fields.Take(6)))).Message);
    }

    [Fact]
    public void Certificates_round_trip_and_reject_short_signatures()
    {
        var hash = Keccak256.Hash("block"u8);
        var certificate = new CommitCertificate(hash, 4, [
            CommitCertificates.CreateSeal(hash, 4, TestKeys.Key(0), Ecdsa.Default),
            CommitCertificates.CreateSeal(hash, 4, TestKeys.Key(1), Ecdsa.Default),
        ]);
        var decoded = CommitCertificateCodec.Decode(CommitCertificateCodec.Encode(certificate));
        Assert.Equal(hash, decoded.BlockHash);
        Assert.Equal(4u, decoded.Round);
        Assert.Equal(2, decoded.Seals.Count);
        Assert.Equal(certificate.Seals[1].Signature65, decoded.Seals[1].Signature65);

        var bad = new CommitCertificate(hash, 4, [new CommitSeal(TestKeys.Address(0), new byte[64])]);
        Assert.Contains("65 bytes", Assert.Throws<RlpException>(() => CommitCertificateCodec.Decode(CommitCertificateCodec.Encode(bad))).Message);
    }

    private static void AssertSame(Receipt expected, Receipt actual)
    {
        Assert.Equal(expected.TransactionHash, actual.TransactionHash);
        Assert.Equal(expected.Success, actual.Success);
        Assert.Equal(expected.GasUsed, actual.GasUsed);
        Assert.Equal(expected.CumulativeGasUsed, actual.CumulativeGasUsed);
        Assert.Equal(expected.RevertData, actual.RevertData);
        Assert.Equal(expected.Output, actual.Output);
        Assert.Equal(expected.Logs.Count, actual.Logs.Count);
        for (var i = 0; i < expected.Logs.Count; i++)
        {
            Assert.Equal(expected.Logs[i].Address, actual.Logs[i].Address);
            Assert.Equal(expected.Logs[i].Topics, actual.Logs[i].Topics);
            Assert.Equal(expected.Logs[i].Data, actual.Logs[i].Data);
        }
    }
}
