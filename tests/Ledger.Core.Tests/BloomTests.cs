using System.Numerics;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Core.Tests;

public class BloomTests
{
    private static readonly Hash32 TransferTopic = Keccak256.Hash("Transfer(address,address,uint256)"u8);

    [Fact]
    public void The_transfer_topic_sets_the_same_bits_as_geth()
    {
        // go-ethereum's bloom for the single item keccak("Transfer(address,address,uint256)").
        var expected = new byte[Bloom.Length];
        expected[75] = 0x08;
        expected[123] = 0x10;
        expected[195] = 0x02;
        var bloom = Bloom.Empty();
        Bloom.Add(bloom, TransferTopic.ToArray());
        Assert.Equal(expected, bloom);
    }

    [Fact]
    public void Bits_follow_the_yellow_paper_formula_for_many_items()
    {
        var random = new Random(8);
        for (var n = 0; n < 200; n++)
        {
            var item = new byte[random.Next(0, 40)];
            random.NextBytes(item);
            var bloom = Bloom.Empty();
            Bloom.Add(bloom, item);

            // The bloom as a 2048-bit big-endian number: set bit (pair & 2047) for the first three byte pairs.
            var hash = Keccak256.HashToArray(item);
            var number = BigInteger.Zero;
            for (var i = 0; i < 6; i += 2)
            {
                number |= BigInteger.One << (((hash[i] << 8) | hash[i + 1]) & 2047);
            }

            var expected = new byte[Bloom.Length];
            var bytes = number.ToByteArray(isUnsigned: true, isBigEndian: true);
            bytes.CopyTo(expected, Bloom.Length - bytes.Length);
            Assert.Equal(expected, bloom);
        }
    }

    [Fact]
    public void Logs_add_their_address_and_topics_and_nothing_else()
    {
        var token = ChainBuilders.Token;
        var bloom = Bloom.FromLogs([new LogEntry(token, [TransferTopic], [1, 2, 3])]);
        Assert.True(Bloom.MayContain(bloom, token));
        Assert.True(Bloom.MayContain(bloom, TransferTopic));
        Assert.False(Bloom.MayContain(bloom, [1, 2, 3]), "log data is not in the bloom");
        Assert.False(Bloom.MayContain(bloom, Address.Parse("0x1000000000000000000000000000000000000001")));
        Assert.False(Bloom.MayContain(Bloom.Empty(), token));
    }

    [Fact]
    public void The_block_bloom_is_the_union_of_receipt_blooms()
    {
        var r1 = ChainBuilders.Receipt(Hash32.Zero, true, 1);
        var r2 = new Receipt
        {
            TransactionHash = Hash32.Zero,
            Success = true,
            GasUsed = 1,
            CumulativeGasUsed = 2,
            Logs = [new LogEntry(TestKeys.Address(3), [Keccak256.Hash("x"u8)], [])],
        };
        var merged = Bloom.FromLogs(r1.Logs);
        Bloom.Merge(merged, Bloom.FromLogs(r2.Logs));
        Assert.Equal(merged, Bloom.FromReceipts([r1, r2]));
        Assert.True(Bloom.MayContain(merged, TestKeys.Address(3)));
    }

    [Fact]
    public void A_bloom_of_the_wrong_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Bloom.MayContain(new byte[255], [1]));
        Assert.Throws<ArgumentException>(() => Bloom.Add(new byte[257], [1]));
    }
}
