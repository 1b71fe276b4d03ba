using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;
using Ledger.Wallet.Invoices;

namespace Ledger.Wallet.Tests;

public sealed class PaymentUriTests
{
    private static readonly Address Usda = Address.Parse("0x2000000000000000000000000000000000000001");

    [Fact]
    public void Request_formats_as_EIP_681_and_parses_back()
    {
        var request = new PaymentUri(Usda, 4242, DevKeys.Address(2), new UInt256(1250));

        var text = request.ToString();

        Assert.Equal($"ethereum:{Usda.ToChecksumString()}@4242/transfer?address={DevKeys.Address(2).ToChecksumString()}&uint256=1250", text);
        Assert.Equal(request, PaymentUri.Parse(text));
    }

    [Theory]
    [InlineData("1.25e3", 1250UL)]
    [InlineData("2e2", 200UL)]
    [InlineData("420", 420UL)]
    public void Amount_in_EIP_681_number_forms_is_read_in_base_units(string amount, ulong expected)
    {
        var uri = $"ethereum:{Usda}@4242/transfer?address={DevKeys.Address(1)}&uint256={amount}";

        Assert.Equal(new UInt256(expected), PaymentUri.Parse(uri).Amount);
    }

    [Theory]
    [InlineData("bitcoin:abc", "is not a payment request")]
    [InlineData("ethereum:0x2000000000000000000000000000000000000001@4242/transfer?uint256=5", "has no recipient")]
    [InlineData("ethereum:0x2000000000000000000000000000000000000001@4242/transfer?address=0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "has no amount")]
    [InlineData("ethereum:0x2000000000000000000000000000000000000001@4242/transfer?address=0x70997970C51812dc3A010C7d01b50e0d17dc79C8&uint256=1.5", "not a whole number of base units")]
    [InlineData("ethereum:0x2000000000000000000000000000000000000001@4242/transfer?address=0x70997970c51812dc3A010C7d01b50e0d17dc79C8&uint256=5", "wrong EIP-55 checksum")]
    [InlineData("ethereum:0x2000000000000000000000000000000000000001@4242/transfer?address=0x70997970C51812dc3A010C7d01b50e0d17dc79C8&uint256=-5", "is not a number of base units")]
    public void Malformed_request_is_a_usage_error_naming_the_wrong_part(string uri, string expected)
    {
        var error = Assert.Throws<WalletException>(() => PaymentUri.Parse(uri));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Qr_code_renders_for_the_terminal_and_as_png()
    {
        var uri = new PaymentUri(Usda, 4242, DevKeys.Address(2), new UInt256(1250)).ToString();

        var text = QrCodes.ToTerminalText(uri);
        var png = QrCodes.ToPng(uri);

        Assert.True(text.Split(Environment.NewLine).Length > 10);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }
}
