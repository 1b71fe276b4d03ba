using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;
using Ledger.Wallet.Quotes;

namespace Ledger.Wallet.Tests;

public sealed class FxQuoteTests
{
    private static readonly FxQuote Quote = new(
        4242,
        Address.Parse("0x1000000000000000000000000000000000000003"),
        DevKeys.Address(1),
        DevKeys.Address(0),
        DevKeys.Address(5),
        Address.Parse("0x2000000000000000000000000000000000000001"),
        Address.Parse("0x2000000000000000000000000000000000000003"),
        new UInt256(10_000),
        FxQuote.Convert(new UInt256(10_000), UInt256.FromBigInteger(920_000_000_000_000_000)),
        new UInt256(50),
        UInt256.FromBigInteger(920_000_000_000_000_000),
        1_900_000_000,
        new UInt256(7),
        Keccak256.Hash("travel rule"u8));

    [Fact]
    public void Receive_amount_is_pay_amount_times_rate_rounded_down()
    {
        Assert.Equal(new UInt256(9_200), Quote.ReceiveAmount);
        Assert.Equal(new UInt256(3), FxQuote.Convert(new UInt256(4), UInt256.FromBigInteger(999_999_999_999_999_999)));
    }

    [Fact]
    public void Signed_quote_survives_its_file_and_verifies_as_the_providers()
    {
        var signature = Quote.Sign(DevKeys.PrivateKey(1));

        var (read, readSignature) = FxQuote.FromJson(Quote.ToJson(signature, "USDA", "EURB"), "quote.json");

        Assert.Equal(Quote, read);
        read.Verify(readSignature);
    }

    [Fact]
    public void Quote_changed_after_signing_is_rejected_as_not_the_providers()
    {
        var signature = Quote.Sign(DevKeys.PrivateKey(1));
        var tampered = Quote with { Beneficiary = DevKeys.Address(9) };

        var error = Assert.Throws<WalletException>(() => tampered.Verify(signature));

        Assert.Equal(ExitCodes.Rejected, error.ExitCode);
        Assert.Contains("not by its provider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_is_bound_to_the_chain()
    {
        Assert.NotEqual(Quote.Digest(), (Quote with { ChainId = 1 }).Digest());
    }

    [Fact]
    public void File_that_is_not_a_quote_is_a_usage_error()
    {
        var error = Assert.Throws<WalletException>(() => FxQuote.FromJson(System.Text.Json.Nodes.JsonNode.Parse("{\"type\":\"something\"}"), "x.json"));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("is not a Ledger FX quote", error.Message, StringComparison.Ordinal);
    }
}
