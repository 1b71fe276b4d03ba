using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Core.Tests;

public class RlpTests
{
    [Theory]
    [InlineData(0UL, "80")]
    [InlineData(1UL, "01")]
    [InlineData(0x7fUL, "7f")]
    [InlineData(0x80UL, "8180")]
    [InlineData(0x0400UL, "820400")]
    [InlineData(ulong.MaxValue, "88ffffffffffffffff")]
    public void Integers_encode_canonically_and_round_trip(ulong value, string hex)
    {
        var encoded = new RlpWriter().WriteUInt64(value).ToArray();
        Assert.Equal(hex, Convert.ToHexStringLower(encoded));
        var reader = new RlpReader(encoded);
        Assert.Equal(value, reader.ReadUInt64());
        reader.EnsureFinished("test");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(70000)]
    public void Byte_strings_of_every_length_class_round_trip(int length)
    {
        var payload = new byte[length];
        new Random(length).NextBytes(payload);
        if (length == 1)
        {
            payload[0] = 0x80; // a single byte ≥ 0x80 still needs a header
        }

        var encoded = new RlpWriter().WriteBytes(payload).ToArray();
        var reader = new RlpReader(encoded);
        Assert.Equal(payload, reader.ReadBytes().ToArray());
        Assert.False(reader.HasMore);
    }

    [Fact]
    public void Nested_lists_round_trip_including_long_lists()
    {
        var writer = new RlpWriter(4);
        writer.StartList().WriteUInt64(1).StartList();
        for (var i = 0; i < 100; i++)
        {
            writer.WriteHash(Hash32.Zero);
        }

        writer.EndList().StartList().EndList().WriteBytes([0x42]).EndList();
        var encoded = writer.ToArray();

        var reader = new RlpReader(encoded);
        var list = reader.ReadList();
        reader.EnsureFinished("outer");
        Assert.Equal(4, list.CountRemainingItems());
        Assert.Equal(1UL, list.ReadUInt64());
        var inner = list.ReadList();
        Assert.Equal(100, inner.CountRemainingItems());
        Assert.False(list.ReadList().HasMore);
        Assert.Equal([0x42], list.ReadBytes().ToArray());
        Assert.False(list.HasMore);
    }

    [Fact]
    public void Writer_output_matches_nethereum_rlp()
    {
        var random = new Random(3);
        for (var length = 0; length < 300; length += 7)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            var ours = new RlpWriter().StartList().WriteBytes(bytes).WriteBytes(bytes).EndList().ToArray();
            var theirs = Nethereum.RLP.RLP.EncodeList(Nethereum.RLP.RLP.EncodeElement(bytes), Nethereum.RLP.RLP.EncodeElement(bytes));
            Assert.Equal(theirs, ours);
        }
    }

    [Theory]
    [InlineData("8105", "non-canonical single byte")]
    [InlineData("b80548656c6c6f", "should use the short form")]
    [InlineData("f80548656c6c6f", "should use the short form")]
    [InlineData("b9003848656c6c6f", "leading zero")]
    [InlineData("ba", "unexpected end of input in length")]
    [InlineData("83010203ff", null)]
    [InlineData("830102", "claims 3 bytes")]
    [InlineData("c3010203ff", null)]
    [InlineData("c5010203", "claims 5 bytes")]
    [InlineData("b8", "unexpected end of input in length")]
    [InlineData("", "unexpected end of input")]
    [InlineData("bd0000000001", "too large")]
    public void Non_canonical_truncated_and_trailing_inputs_are_rejected(string hex, string? messagePart)
    {
        var bytes = Convert.FromHexString(hex);
        var ex = Assert.Throws<RlpException>(() =>
        {
            var reader = new RlpReader(bytes);
            _ = reader.ReadEncodedItem();
            reader.EnsureFinished("the item");
        });
        Assert.Contains(messagePart ?? "trailing bytes", ex.Message);
    }

    [Theory]
    [InlineData("00", "leading zero")]
    [InlineData("820001", "leading zero")]
    [InlineData("89010000000000000000", "longer than 8 bytes")]
    [InlineData("c0", "expected a string")]
    public void Scalars_reject_leading_zeros_oversize_and_lists(string hex, string messagePart)
    {
        var bytes = Convert.FromHexString(hex);
        var ex = Assert.Throws<RlpException>(() => new RlpReader(bytes).ReadUInt64());
        Assert.Contains(messagePart, ex.Message);
    }

    [Fact]
    public void A_257_bit_integer_is_rejected_as_uint256()
    {
        var bytes = new RlpWriter().WriteBytes(Enumerable.Repeat((byte)1, 33).ToArray()).ToArray();
        var ex = Assert.Throws<RlpException>(() => new RlpReader(bytes).ReadUInt256());
        Assert.Contains("longer than 32 bytes", ex.Message);
    }

    [Fact]
    public void Addresses_and_hashes_require_exact_lengths()
    {
        var nineteen = new RlpWriter().WriteBytes(new byte[19]).ToArray();
        Assert.Contains("20-byte address", Assert.Throws<RlpException>(() => new RlpReader(nineteen).ReadAddress()).Message);
        Assert.Contains("32-byte hash", Assert.Throws<RlpException>(() => new RlpReader(nineteen).ReadHash()).Message);
        var empty = new RlpWriter().WriteBytes([]).ToArray();
        Assert.Null(new RlpReader(empty).ReadOptionalAddress());
    }

    [Fact]
    public void A_list_item_cannot_run_past_its_enclosing_list()
    {
        // c2 says the list holds 2 bytes, but its item 0x83 claims 3 more.
        var bytes = Convert.FromHexString("c283010203");
        var ex = Assert.Throws<RlpException>(() =>
        {
            var reader = new RlpReader(bytes);
            var list = reader.ReadList();
            _ = list.ReadBytes();
        });
        Assert.Contains("claims", ex.Message);
    }
}
