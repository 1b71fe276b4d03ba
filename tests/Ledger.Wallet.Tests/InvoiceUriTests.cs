using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;
using Ledger.Wallet.Invoices;

namespace Ledger.Wallet.Tests;

public sealed class InvoiceUriTests
{
    [Fact]
    public void Merchant_module_uri_round_trips()
    {
        var uri = new InvoiceUri(Address.Parse("0x1000000000000000000000000000000000000004"), 4242, 17);

        Assert.Equal("ethereum:0x1000000000000000000000000000000000000004@4242/payInvoice?uint256=17", uri.ToString());
        Assert.Equal(uri, InvoiceUri.Parse(uri.ToString()));
        Assert.True(InvoiceUri.Looks(uri.ToString()));
        Assert.False(InvoiceUri.Looks("ethereum:0x2000000000000000000000000000000000000001@4242/transfer?address=0x1&uint256=1"));
    }

    [Theory]
    [InlineData("ethereum:0x1000000000000000000000000000000000000004@4242/payInvoice?uint256=abc", "is not an invoice")]
    [InlineData("ethereum:0x1000000000000000000000000000000000000004@4242/payInvoice?uint256=0", "is not a positive number")]
    [InlineData("ethereum:0x10@4242/payInvoice?uint256=1", "is not an invoice")]
    public void Malformed_invoice_uri_is_a_usage_error(string text, string message)
    {
        var error = Assert.Throws<WalletException>(() => InvoiceUri.Parse(text));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
