using System.Text;
using Ledger.Wallet.Cli;
using Ledger.Wallet.Cli.Bank;

namespace Ledger.Wallet.Tests;

public sealed class BankArgumentTests
{
    [Fact]
    public void Text_reference_is_its_utf8_bytes_padded_to_32()
    {
        var word = BankArguments.Reference("DEP-2026-0001", "--reference");

        Assert.Equal(32, word.Length);
        Assert.Equal("DEP-2026-0001", Encoding.UTF8.GetString(word).TrimEnd('\0'));
    }

    [Fact]
    public void Hex_reference_is_taken_as_it_is()
    {
        var hex = "0x" + new string('a', 64);

        Assert.All(BankArguments.Reference(hex, "--reference"), b => Assert.Equal(0xaa, b));
    }

    [Fact]
    public void Too_long_reference_is_a_usage_error()
    {
        var error = Assert.Throws<WalletException>(() => BankArguments.Reference(new string('x', 33), "--reference"));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("1 to 32 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us")]
    [InlineData("USA")]
    public void Jurisdiction_must_be_two_capital_letters(string text) =>
        Assert.Equal(ExitCodes.Usage, Assert.Throws<WalletException>(() => BankArguments.Jurisdiction(text)).ExitCode);

    [Fact]
    public void Kyc_level_is_one_to_three_and_expiry_is_a_utc_date()
    {
        Assert.Equal(2, BankArguments.KycLevel(2));
        Assert.Throws<WalletException>(() => BankArguments.KycLevel(4));
        Assert.Equal(1924905600UL, BankArguments.Expiry("2030-12-31"));
        Assert.Contains("not a date", Assert.Throws<WalletException>(() => BankArguments.Expiry("31/12/2030")).Message, StringComparison.Ordinal);
    }
}
