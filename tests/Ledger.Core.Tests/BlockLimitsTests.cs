using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.Core.Tests;

/// <summary>The block byte limit counts what the wire carries: its bound holds for every block the codec can write.</summary>
public class BlockLimitsTests
{
    [Fact]
    public void The_counted_size_bounds_the_encoding_of_any_block_without_certificate()
    {
        var random = new Random(11);
        var header = ChainBuilders.Header() with
        {
            Number = ulong.MaxValue,
            TimestampMs = ulong.MaxValue,
            Round = uint.MaxValue,
            GasUsed = ulong.MaxValue,
            GasLimit = ulong.MaxValue,
        };
        for (var run = 0; run < 20; run++)
        {
            var transactions = new List<SignedTransaction>();
            for (var i = 0; i < random.Next(0, 6); i++)
            {
                transactions.Add(Signed(random.Next(0, 4) == 0 ? MaxSizeData() : RandomData(random), (ulong)i));
            }

            var block = new Block(header, transactions, null);
            var encoded = BlockCodec.Encode(block).Length;

            Assert.True(encoded <= BlockLimits.SizeOf(block), $"encoded {encoded} bytes, counted {BlockLimits.SizeOf(block)}");
        }
    }

    [Fact]
    public void The_size_is_the_header_allowance_plus_each_raw_transaction_and_its_framing()
    {
        var small = Signed([1, 2, 3], 0);
        var large = Signed(MaxSizeData(), 1);

        var size = BlockLimits.SizeOf(new Block(ChainBuilders.Header(), [small, large], null));

        Assert.Equal(BlockLimits.HeaderBytes + small.Raw.Length + large.Raw.Length + (2 * BlockLimits.TransactionOverheadBytes), size);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(100)]
    public void A_certificate_fits_its_bound(int validators)
    {
        var header = ChainBuilders.Header(round: uint.MaxValue);
        var seals = Enumerable.Range(0, validators)
            .Select(i => CommitCertificates.CreateSeal(header.Hash, uint.MaxValue, TestKeys.Key(i % 4), Ecdsa.Default))
            .ToList();

        var encoded = CommitCertificateCodec.Encode(new CommitCertificate(header.Hash, uint.MaxValue, seals)).Length;

        Assert.True(encoded <= BlockLimits.CertificateBytes(validators), $"{encoded} > {BlockLimits.CertificateBytes(validators)}");
    }

    [Fact]
    public void The_block_limit_must_hold_the_largest_transaction_and_fit_half_a_peer_message()
    {
        Assert.Null(BlockLimits.CheckMaxBlockBytes(8 * 1024 * 1024, 131_072));
        Assert.Null(BlockLimits.CheckMaxBlockBytes(BlockLimits.MaxBlockBytesCeiling, 131_072));
        Assert.Null(BlockLimits.CheckMaxBlockBytes(BlockLimits.HeaderBytes + 131_072 + BlockLimits.TransactionOverheadBytes, 131_072));

        Assert.Contains("must be at most 33554432", BlockLimits.CheckMaxBlockBytes(BlockLimits.MaxBlockBytesCeiling + 1, 131_072));
        Assert.Contains("must be at least", BlockLimits.CheckMaxBlockBytes(131_072, 131_072));
        Assert.Equal(BlockLimits.PeerMessageBytes / 2, BlockLimits.MaxBlockBytesCeiling);
    }

    [Fact]
    public void A_block_over_the_byte_limit_or_with_a_transaction_over_its_limit_breaks_the_rules()
    {
        var large = Signed(MaxSizeData(), 0);
        var block = new Block(ChainBuilders.Header(), [large, Signed(MaxSizeData(), 1)], null);
        var size = BlockLimits.SizeOf(block);

        Assert.Null(BlockLimits.Check(block, size, large.Raw.Length));
        Assert.Equal($"block of {size} bytes exceeds maxBlockBytes ({size - 1})", BlockLimits.Check(block, size - 1, large.Raw.Length));
        Assert.StartsWith(
            $"transaction 0 ({large.Hash}) of {large.Raw.Length} bytes exceeds maxTransactionBytes (1000)",
            BlockLimits.Check(block, size, 1_000),
            StringComparison.Ordinal);
    }

    /// <summary>Calldata that makes a signed transaction just under the decoder's 128 KiB limit, all non-zero bytes.</summary>
    internal static byte[] MaxSizeData()
    {
        var data = new byte[TransactionDecoder.MaxEncodedLength - 200];
        Array.Fill(data, (byte)0xff);
        return data;
    }

    private static byte[] RandomData(Random random)
    {
        var data = new byte[random.Next(0, 2_000)];
        random.NextBytes(data);
        return data;
    }

    private static SignedTransaction Signed(byte[] data, ulong nonce) => TransactionSigner.Sign(
        new UnsignedTransaction { ChainId = 4242, Nonce = nonce, GasLimit = 3_000_000, To = ChainBuilders.Token, Data = data },
        TestKeys.Key(1),
        Ecdsa.Default);
}
