using System.Numerics;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Nethereum.ABI;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using AbiParameter = Nethereum.ABI.Model.Parameter;

namespace Ledger.Core.Tests;

public class AbiTests
{
    private static readonly Address Alice = Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    private static readonly Address Bob = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

    [Theory]
    [InlineData("transfer(address,uint256)", 0xa9059cbbu)]
    [InlineData("balanceOf(address)", 0x70a08231u)]
    [InlineData("approve(address,uint256)", 0x095ea7b3u)]
    [InlineData("transferFrom(address,address,uint256)", 0x23b872ddu)]
    [InlineData("Error(string)", 0x08c379a0u)]
    public void Selectors_are_the_first_four_bytes_of_keccak_big_endian(string signature, uint expected)
    {
        Assert.Equal(expected, AbiSelector.Of(signature));
        var nethereum = new Nethereum.Util.Sha3Keccack().CalculateHash(System.Text.Encoding.ASCII.GetBytes(signature))[..4];
        Assert.Equal(nethereum, AbiSelector.BytesOf(signature));
        Assert.Equal("0x" + Convert.ToHexStringLower(nethereum), AbiSelector.Format(expected));
    }

    [Fact]
    public void A_signature_with_spaces_is_refused_rather_than_hashed_to_a_wrong_selector() =>
        Assert.Throws<ArgumentException>(() => AbiSelector.Of("transfer(address, uint256)"));

    [Fact]
    public void Event_topic_is_keccak_of_the_signature_and_indexed_address_is_left_padded()
    {
        Assert.Equal(
            "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef",
            AbiTopic.OfEvent("Transfer(address,address,uint256)").ToString());
        var topic = AbiTopic.FromAddress(Alice);
        Assert.Equal("0x000000000000000000000000" + Alice.ToString()[2..], topic.ToString());
        Assert.Equal(Alice, AbiTopic.ToAddress(topic));
    }

    [Fact]
    public void Static_values_encode_as_nethereum_encodes_them()
    {
        var max = BigInteger.Pow(2, 256) - 1;
        var word = new byte[32];
        word[0] = 0xAB;
        word[31] = 0xCD;
        var ours = new AbiWriter()
            .WriteAddress(Alice).WriteUInt256(UInt256.MaxValue).WriteUInt64(ulong.MaxValue)
            .WriteUInt8(200).WriteBool(true).WriteBool(false).WriteBytes32(word)
            .ToArray();
        var theirs = new ABIEncode().GetABIEncoded(
            new ABIValue("address", Alice.ToString()),
            new ABIValue("uint256", max),
            new ABIValue("uint64", new BigInteger(ulong.MaxValue)),
            new ABIValue("uint8", 200),
            new ABIValue("bool", true),
            new ABIValue("bool", false),
            new ABIValue("bytes32", word));
        Assert.Equal(Convert.ToHexStringLower(theirs), Convert.ToHexStringLower(ours));
    }

    [Theory]
    [InlineData("")]
    [InlineData("US")]
    [InlineData("exactly thirty-two bytes long!!!")]
    [InlineData("a string that is longer than one word, with ünïcödé € and 🏦 in it")]
    public void Mixed_static_and_dynamic_values_encode_as_nethereum_encodes_them(string text)
    {
        var blob = System.Text.Encoding.UTF8.GetBytes(text + text);
        var ours = new AbiWriter()
            .WriteString(text).WriteString("bank-a").WriteUInt8(3).WriteUInt64(1_900_000_000).WriteBool(false)
            .WriteBytes(blob).WriteAddress(Bob)
            .ToArray();
        var theirs = new ABIEncode().GetABIEncoded(
            new ABIValue("string", text),
            new ABIValue("string", "bank-a"),
            new ABIValue("uint8", 3),
            new ABIValue("uint64", 1_900_000_000UL),
            new ABIValue("bool", false),
            new ABIValue("bytes", blob),
            new ABIValue("address", Bob.ToString()));
        Assert.Equal(Convert.ToHexStringLower(theirs), Convert.ToHexStringLower(ours));

        var reader = new AbiReader(theirs, "f(string,string,uint8,uint64,bool,bytes,address)");
        Assert.Equal(text, reader.ReadString("a"));
        Assert.Equal("bank-a", reader.ReadString("b"));
        Assert.Equal(3, reader.ReadUInt8("c"));
        Assert.Equal(1_900_000_000UL, reader.ReadUInt64("d"));
        Assert.False(reader.ReadBool("e"));
        Assert.Equal(blob, reader.ReadBytes("f").ToArray());
        Assert.Equal(Bob, reader.ReadAddress("g"));
        Assert.Equal(7, reader.ArgumentsRead);
    }

    [Fact]
    public void Calldata_starts_with_the_selector_and_matches_nethereum_function_encoding()
    {
        var amount = UInt256.FromBigInteger(BigInteger.Parse("123456789012345678901234567890"));
        var ours = new AbiWriter().WriteAddress(Bob).WriteUInt256(amount).ToCallData("transfer(address,uint256)");
        var theirs = new FunctionCallEncoder().EncodeRequest(
            "0xa9059cbb",
            [new AbiParameter("address", "to", 1), new AbiParameter("uint256", "amount", 2)],
            Bob.ToString(),
            amount.ToBigInteger());
        Assert.Equal(theirs, "0x" + Convert.ToHexStringLower(ours));
    }

    [Fact]
    public void Nested_tuples_encode_as_nethereum_encodes_structs()
    {
        var input = new WithTuples
        {
            Owner = Alice.ToString(),
            Static = new StaticPair { Account = Bob.ToString(), Amount = 42 },
            Dynamic = new DynamicPair { Label = "invoice #7", Amount = 1_000 },
            Flag = true,
        };
        var theirs = new ParametersEncoder().EncodeParametersFromTypeAttributes(typeof(WithTuples), input);
        var ours = new AbiWriter()
            .WriteAddress(Alice)
            .WriteTuple(new AbiWriter().WriteAddress(Bob).WriteUInt256(42))
            .WriteTuple(new AbiWriter().WriteString("invoice #7").WriteUInt256(1_000))
            .WriteBool(true)
            .ToArray();
        Assert.Equal(Convert.ToHexStringLower(theirs), Convert.ToHexStringLower(ours));
    }

    [Fact]
    public void Static_helpers_encode_one_word()
    {
        Assert.Equal(new ABIEncode().GetABIEncoded(new ABIValue("bool", true)), AbiWriter.EncodeBool(true));
        Assert.Equal(new ABIEncode().GetABIEncoded(new ABIValue("address", Bob.ToString())), AbiWriter.EncodeAddress(Bob));
        Assert.Equal(new ABIEncode().GetABIEncoded(new ABIValue("uint256", 7)), AbiWriter.EncodeUInt256(7));
        Assert.Equal(new ABIEncode().GetABIEncoded(new ABIValue("string", "USD")), AbiWriter.EncodeString("USD"));
    }

    [Fact]
    public void Reading_past_the_end_reports_calldata_too_short_for_the_function()
    {
        var args = new AbiWriter().WriteAddress(Bob).WriteUInt256(5).ToArray()[..40];
        var error = Assert.Throws<AbiException>(() =>
        {
            var reader = new AbiReader(args, "transfer(address,uint256)");
            reader.ReadAddress("to");
            reader.ReadUInt256("amount");
        });
        Assert.StartsWith("calldata too short for transfer(address,uint256)", error.Message);
        Assert.Contains("argument 2 (amount)", error.Message);
    }

    [Fact]
    public void An_address_with_dirty_upper_bytes_is_refused()
    {
        var args = AbiWriter.EncodeAddress(Bob);
        args[11] = 1;
        var error = Assert.Throws<AbiException>(() => new AbiReader(args, "balanceOf(address)").ReadAddress("account"));
        Assert.Contains("argument 1 (account): not a canonical address", error.Message);
    }

    [Theory]
    [InlineData(255, true)]
    [InlineData(256, false)]
    [InlineData(300, false)]
    public void Uint8_is_range_checked_not_truncated(int value, bool fits)
    {
        var args = new AbiWriter().WriteAddress(Bob).WriteUInt64((ulong)value).ToArray();
        byte Read()
        {
            var reader = new AbiReader(args, "f(address,uint8)");
            reader.ReadAddress("account");
            return reader.ReadUInt8("amount");
        }

        if (fits)
        {
            Assert.Equal(value, Read());
        }
        else
        {
            var error = Assert.Throws<AbiException>(() => Read());
            Assert.Contains("argument 2 (amount): value " + value + " does not fit uint8", error.Message);
        }
    }

    [Fact]
    public void Uint64_is_range_checked_not_truncated()
    {
        var args = new AbiWriter().WriteUInt256(new UInt256(0, 1)).ToArray();
        var error = Assert.Throws<AbiException>(() => new AbiReader(args, "f(uint64)").ReadUInt64("expiresAt"));
        Assert.Contains("argument 1 (expiresAt): value 18446744073709551616 does not fit uint64", error.Message);
        Assert.Equal(ulong.MaxValue, new AbiReader(new AbiWriter().WriteUInt64(ulong.MaxValue).ToArray(), "f(uint64)").ReadUInt64("x"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0x100)]
    public void A_bool_other_than_zero_or_one_is_refused(int value)
    {
        var args = new AbiWriter().WriteUInt64((ulong)value).ToArray();
        var error = Assert.Throws<AbiException>(() => new AbiReader(args, "f(bool)").ReadBool("flag"));
        Assert.Contains("a bool must be 0 or 1", error.Message);
    }

    [Fact]
    public void A_string_offset_outside_the_data_is_refused()
    {
        var args = new AbiWriter().WriteUInt64(0x1000).ToArray();
        var error = Assert.Throws<AbiException>(() => new AbiReader(args, "f(string)").ReadString("name"));
        Assert.Contains("argument 1 (name): offset 4096 points outside the 32 bytes of arguments", error.Message);
    }

    [Fact]
    public void A_huge_string_offset_is_refused_without_overflow()
    {
        var args = new AbiWriter().WriteUInt256(UInt256.MaxValue).ToArray();
        var error = Assert.Throws<AbiException>(() => new AbiReader(args, "f(string)").ReadString("name"));
        Assert.Contains("offset", error.Message);
        Assert.Contains("out of range", error.Message);
    }

    [Fact]
    public void A_string_length_running_past_the_data_is_refused()
    {
        var args = new AbiWriter().WriteString("hello").ToArray();
        args[63] = 200; // length word now claims 200 bytes; only 32 follow
        var error = Assert.Throws<AbiException>(() => new AbiReader(args, "f(string)").ReadString("name"));
        Assert.Contains("length 200 at offset 32 runs past the 96 bytes of arguments", error.Message);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_refused()
    {
        var args = new AbiWriter().WriteBytes([0xC3, 0x28]).ToArray();
        var error = Assert.Throws<AbiException>(() => new AbiReader(args, "f(string)").ReadString("name"));
        Assert.Contains("not valid UTF-8", error.Message);
        Assert.Equal(new byte[] { 0xC3, 0x28 }, new AbiReader(args, "f(bytes)").ReadBytes("blob").ToArray());
    }

    [Fact]
    public void Random_values_round_trip_through_nethereum_encoding()
    {
        var random = new Random(2024);
        for (var i = 0; i < 200; i++)
        {
            var raw = new byte[32];
            random.NextBytes(raw);
            var value = UInt256.FromBigEndian(raw);
            var address = new byte[20];
            random.NextBytes(address);
            var account = new Address(address);
            var text = new string('x', random.Next(0, 100));
            var theirs = new ABIEncode().GetABIEncoded(
                new ABIValue("uint256", value.ToBigInteger()),
                new ABIValue("string", text),
                new ABIValue("address", account.ToString()));
            var reader = new AbiReader(theirs, "f(uint256,string,address)");
            Assert.Equal(value, reader.ReadUInt256("value"));
            Assert.Equal(text, reader.ReadString("text"));
            Assert.Equal(account, reader.ReadAddress("account"));
            Assert.Equal(theirs, new AbiWriter().WriteUInt256(value).WriteString(text).WriteAddress(account).ToArray());
        }
    }

    [Struct("StaticPair")]
    public sealed class StaticPair
    {
        [Parameter("address", "account", 1)]
        public string Account { get; set; } = "";

        [Parameter("uint256", "amount", 2)]
        public BigInteger Amount { get; set; }
    }

    [Struct("DynamicPair")]
    public sealed class DynamicPair
    {
        [Parameter("string", "label", 1)]
        public string Label { get; set; } = "";

        [Parameter("uint256", "amount", 2)]
        public BigInteger Amount { get; set; }
    }

    public sealed class WithTuples
    {
        [Parameter("address", "owner", 1)]
        public string Owner { get; set; } = "";

        [Parameter("tuple", "static", 2)]
        public StaticPair Static { get; set; } = new();

        [Parameter("tuple", "dynamic", 3)]
        public DynamicPair Dynamic { get; set; } = new();

        [Parameter("bool", "flag", 4)]
        public bool Flag { get; set; }
    }
}
