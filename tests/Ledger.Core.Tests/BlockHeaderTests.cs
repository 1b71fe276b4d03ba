using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Core.Tests;

public class BlockHeaderTests
{
    [Fact]
    public void The_hash_is_stable_across_rounds()
    {
        var header = ChainBuilders.Header(round: 0);
        Assert.Equal(header.Hash, (header with { Round = 5 }).Hash);
        Assert.Equal(header.Hash, BlockHeaderCodec.ComputeHash(ChainBuilders.Header(round: 9)));
    }

    [Fact]
    public void The_hash_is_keccak_of_the_documented_field_list_without_round()
    {
        var h = ChainBuilders.Header();
        var expected = Keccak256.Hash(new RlpWriter().StartList()
            .WriteHash(h.ParentHash).WriteUInt64(h.Number).WriteUInt64(h.TimestampMs).WriteAddress(h.Proposer)
            .WriteHash(h.TransactionsRoot).WriteHash(h.ReceiptsRoot).WriteHash(h.StateRoot).WriteHash(h.ValidatorSetHash)
            .WriteUInt64(h.GasUsed).WriteUInt64(h.GasLimit).WriteBytes(h.LogsBloom).EndList().ToArray());
        Assert.Equal(expected, h.Hash);
    }

    [Fact]
    public void A_with_copy_does_not_keep_a_stale_cached_hash()
    {
        var header = ChainBuilders.Header();
        var original = header.Hash; // populate the cache
        var changed = header with { StateRoot = Keccak256.Hash("other state"u8) };
        Assert.NotEqual(original, changed.Hash);
        Assert.Equal(BlockHeaderCodec.ComputeHash(changed), changed.Hash);
        Assert.Equal(original, header.Hash);
    }

    [Fact]
    public void Every_hashed_field_changes_the_hash()
    {
        var h = ChainBuilders.Header();
        var other = Keccak256.Hash("x"u8);
        var variants = new[]
        {
            h with { ParentHash = other }, h with { Number = 8 }, h with { TimestampMs = 1 }, h with { Proposer = TestKeys.Address(1) },
            h with { TransactionsRoot = other }, h with { ReceiptsRoot = other }, h with { StateRoot = other },
            h with { ValidatorSetHash = other }, h with { GasUsed = 1 }, h with { GasLimit = 1 }, h with { LogsBloom = Bloom.Empty() },
        };
        var hashes = new HashSet<Hash32> { h.Hash };
        foreach (var variant in variants)
        {
            Assert.True(hashes.Add(variant.Hash));
        }
    }

    [Fact]
    public void Headers_are_equal_by_value_whether_or_not_the_hash_was_computed()
    {
        var a = ChainBuilders.Header();
        var b = ChainBuilders.Header();
        _ = a.Hash;
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Round = 1 });
    }

    [Fact]
    public void The_storage_encoding_round_trips_including_round()
    {
        var header = ChainBuilders.Header(number: 123_456, round: 3);
        var decoded = BlockHeaderCodec.Decode(BlockHeaderCodec.Encode(header));
        Assert.Equal(header, decoded);
        Assert.Equal(3u, decoded.Round);
        Assert.Equal(header.Hash, decoded.Hash);
    }

    [Fact]
    public void Corrupt_header_encodings_are_rejected_with_a_reason()
    {
        var encoded = BlockHeaderCodec.Encode(ChainBuilders.Header());
        Assert.Throws<RlpException>(() => BlockHeaderCodec.Decode(encoded.AsSpan(0, encoded.Length - 1)));
        Assert.Contains("trailing", Assert.Throws<RlpException>(() => BlockHeaderCodec.Decode([.. encoded, 0x80])).Message);
        var shortBloom = ChainBuilders.Header() with { LogsBloom = new byte[255] };
        Assert.Throws<ArgumentException>(() => BlockHeaderCodec.Encode(shortBloom));
        var (_, fields) = RawTransactions.Split(encoded);
        Assert.Contains("12 fields, got 11", Assert.Throws<RlpException>(() => BlockHeaderCodec.Decode(RawTransactions.Join(null, fields.Take(11)))).Message);
        fields[11] = RawTransactions.Bytes(new byte[255]);
        Assert.Contains("logs bloom is 256 bytes", Assert.Throws<RlpException>(() => BlockHeaderCodec.Decode(RawTransactions.Join(null, fields))).Message);
    }
}
