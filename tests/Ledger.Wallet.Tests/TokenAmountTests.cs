using Ledger.Core.Primitives;
using Ledger.Wallet.Amounts;
using Ledger.Wallet.Cli;

namespace Ledger.Wallet.Tests;

public sealed class TokenAmountTests
{
    [Theory]
    [InlineData("12.5", 2, 1250UL)]
    [InlineData("12.50", 2, 1250UL)]
    [InlineData("0.01", 2, 1UL)]
    [InlineData(".5", 2, 50UL)]
    [InlineData("7", 2, 700UL)]
    [InlineData("7.", 2, 700UL)]
    [InlineData("1000000", 0, 1000000UL)]
    [InlineData(" 3.25 ", 2, 325UL)]
    public void Whole_units_with_decimals_parse_to_exact_base_units(string text, int decimals, ulong expected)
    {
        Assert.Equal(new UInt256(expected), TokenAmount.Parse(text, decimals, "USDA"));
    }

    [Fact]
    public void Eighteen_decimals_parse_beyond_64_bits_exactly()
    {
        var value = TokenAmount.Parse("123456789.123456789123456789", 18, "WEI");

        Assert.Equal("123456789123456789123456789", value.ToString());
    }

    [Theory]
    [InlineData("12.345", "USDA has 2 decimals; '12.345' has 3")]
    [InlineData("-1", "the amount -1 is negative; give a positive amount like 12.5")]
    [InlineData("0", "the amount must be more than zero")]
    [InlineData("0.00", "the amount must be more than zero")]
    [InlineData("1,5", "'1,5' is not an amount; write whole units with a dot for decimals, like 12.5")]
    [InlineData("1e3", "'1e3' is not an amount; write whole units with a dot for decimals, like 12.5")]
    [InlineData(".", "'.' is not an amount; write whole units with a dot for decimals, like 12.5")]
    [InlineData("", "the amount is empty")]
    public void Malformed_amounts_are_usage_errors_that_say_what_is_wrong(string text, string message)
    {
        var error = Assert.Throws<WalletException>(() => TokenAmount.Parse(text, 2, "USDA"));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Amount_beyond_uint256_is_refused()
    {
        var error = Assert.Throws<WalletException>(() => TokenAmount.Parse(new string('9', 80), 0, "BIG"));

        Assert.Contains("too large", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1250UL, 2, "12.50")]
    [InlineData(5UL, 2, "0.05")]
    [InlineData(0UL, 2, "0.00")]
    [InlineData(100000000UL, 2, "1000000.00")]
    [InlineData(42UL, 0, "42")]
    public void Base_units_format_with_exactly_the_token_decimals(ulong baseUnits, int decimals, string expected)
    {
        Assert.Equal(expected, TokenAmount.Format(new UInt256(baseUnits), decimals));
    }

    [Fact]
    public void Format_then_parse_gives_back_the_same_base_units()
    {
        var value = new UInt256(987654321);

        Assert.Equal(value, TokenAmount.Parse(TokenAmount.Format(value, 6), 6, "T"));
    }
}
