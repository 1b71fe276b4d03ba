using System.Text;
using Ledger.Core.Primitives;
using Ledger.JsonRpc.Parameters;

namespace Ledger.JsonRpc.Tests;

public sealed class HexParserTests
{
    [Theory]
    [InlineData("0x0", 0UL)]
    [InlineData("0x1", 1UL)]
    [InlineData("0xff", 255UL)]
    [InlineData("0xFF", 255UL)]
    [InlineData("0xffffffffffffffff", ulong.MaxValue)]
    public void Valid_quantities_parse(string text, ulong expected)
    {
        Assert.Null(HexParser.TryParseQuantity(Encoding.ASCII.GetBytes(text), out ulong value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("0x", "hex number \"0x\" has no digits")]
    [InlineData("0x00", "hex number with leading zero digits")]
    [InlineData("0x01", "hex number with leading zero digits")]
    [InlineData("12", "hex string without 0x prefix")]
    [InlineData("", "hex string without 0x prefix")]
    [InlineData("0x1g", "invalid hex character 'g' at position 3")]
    [InlineData("0x10000000000000000", "hex number > 64 bits")]
    public void Invalid_quantities_say_what_is_wrong(string text, string problem)
    {
        Assert.Equal(problem, HexParser.TryParseQuantity(Encoding.ASCII.GetBytes(text), out ulong _));
    }

    [Fact]
    public void Quantity_of_256_bits_parses_and_257_bits_do_not()
    {
        var max = "0x" + new string('f', 64);
        Assert.Null(HexParser.TryParseQuantity(Encoding.ASCII.GetBytes(max), out UInt256 value));
        Assert.Equal(UInt256.MaxValue, value);
        Assert.Equal("hex number > 256 bits", HexParser.TryParseQuantity(Encoding.ASCII.GetBytes("0x1" + new string('0', 64)), out UInt256 _));
    }

    [Theory]
    [InlineData("0x", "")]
    [InlineData("0x00ff", "00ff")]
    [InlineData("0xABcd", "abcd")]
    public void Data_keeps_leading_zeros_and_accepts_either_case(string text, string expectedHex)
    {
        Assert.Null(HexParser.TryParseData(Encoding.ASCII.GetBytes(text), out var bytes));
        Assert.Equal(expectedHex, Convert.ToHexStringLower(bytes));
    }

    [Theory]
    [InlineData("0xabc", "hex string has odd length")]
    [InlineData("abcd", "hex string without 0x prefix")]
    [InlineData("0xzz", "invalid hex character 'z' at position 2")]
    public void Invalid_data_says_what_is_wrong(string text, string problem)
    {
        Assert.Equal(problem, HexParser.TryParseData(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void Addresses_and_hashes_need_their_exact_length()
    {
        Assert.Equal("hex string has length 38, want 40 for an address", HexParser.TryParseAddress(Encoding.ASCII.GetBytes("0x" + new string('a', 38)), out _));
        Assert.Equal("hex string has length 62, want 64 for a 32-byte hash", HexParser.TryParseHash(Encoding.ASCII.GetBytes("0x" + new string('a', 62)), out _));
        Assert.Null(HexParser.TryParseAddress(Encoding.ASCII.GetBytes("0xF39FD6E51AAD88F6F4CE6AB8827279CFFFB92266"), out var address));
        Assert.Equal("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", address.ToString());
    }
}
