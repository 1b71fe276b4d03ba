using Ledger.Contracts.Settlement;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using static Ledger.Contracts.Tests.Settlement.SettlementDriver;

namespace Ledger.Contracts.Tests.Settlement;

/// <summary>
/// The bank A → bank B USD → EUR payment against a signed quote: the success case with exact balances, and each
/// refusal leaving every balance and supply as it was.
/// </summary>
public sealed class FxSettlementTests : IDisposable
{
    private readonly SettlementDriver _s = new();

    private TestLedger Ledger => _s.Ledger;

    [Fact]
    public void A_signed_quote_settles_both_legs_and_the_fee_in_one_transaction()
    {
        _s.PostRate();
        _s.ApproveProvider();
        var before = _s.Snapshot();
        var quote = _s.Quote();

        var receipt = Ledger.Ok(Payer, SettlementAddress, SettleCall(quote, _s.Sign(quote)));

        Assert.Equal(before[$"{TestGenesis.Usda} {Dev(Payer)}"] - new UInt256(10_100), _s.Usda(Payer));
        Assert.Equal(before[$"{TestGenesis.Usda} {Dev(Provider)}"] + new UInt256(10_100), _s.Usda(Provider));
        Assert.Equal(before[$"{TestGenesis.Eurb} {Dev(Provider)}"] - new UInt256(9_200), _s.Eurb(Provider));
        Assert.Equal(before[$"{TestGenesis.Eurb} {Dev(Beneficiary)}"] + new UInt256(9_200), _s.Eurb(Beneficiary));
        Assert.Equal(before[$"{TestGenesis.Usda} {Dev(Beneficiary)}"], _s.Usda(Beneficiary));
        Assert.Equal(before[$"{TestGenesis.Eurb} {Dev(Payer)}"], _s.Eurb(Payer));
        Assert.Equal(before[$"{TestGenesis.Usda} supply"], Ledger.UInt256View(TestGenesis.Usda, "totalSupply()"));
        Assert.Equal(before[$"{TestGenesis.Eurb} supply"], Ledger.UInt256View(TestGenesis.Eurb, "totalSupply()"));
        Assert.Equal(["Transfer", "Transfer", "FxSettled"], Ledger.EventNames(receipt));

        var digest = quote.Digest(_s.Domain);
        var log = _s.LastSettlementLog(receipt);
        Assert.Equal(digest, log.Topics[1]);
        Assert.Equal(AbiTopic.FromAddress(Dev(Payer)), log.Topics[2]);
        Assert.Equal(AbiTopic.FromAddress(Dev(Beneficiary)), log.Topics[3]);
        var data = new AbiReader(log.Data, "FxSettled");
        Assert.Equal(Dev(Provider), data.ReadAddress("provider"));
        Assert.Equal(TestGenesis.Usda, data.ReadAddress("payToken"));
        Assert.Equal(TestGenesis.Eurb, data.ReadAddress("receiveToken"));
        Assert.Equal(new UInt256(10_000), data.ReadUInt256("payAmount"));
        Assert.Equal(new UInt256(9_200), data.ReadUInt256("receiveAmount"));
        Assert.Equal(new UInt256(100), data.ReadUInt256("fee"));
        Assert.Equal(Rate, data.ReadUInt256("rate"));
        Assert.Equal(quote.Nonce, data.ReadUInt256("nonce"));
        Assert.Equal(quote.TravelRuleRef, new Hash32(data.ReadBytes32("travelRuleRef")));
        Assert.Equal(digest.ToArray(), Ledger.View(SettlementAddress, HashQuoteCall(quote)));
        Assert.True(new AbiReader(Ledger.View(SettlementAddress, Calls.Encode("isNonceUsed(address,uint256)", Dev(Provider), quote.Nonce)), "isNonceUsed").ReadBool("used"));
        Assert.Empty(Ledger.ModuleFaults);
    }

    [Fact]
    public void The_domain_separator_view_is_the_eip712_domain_of_the_module_on_this_chain()
    {
        Assert.Equal(_s.Domain.Separator().ToArray(), Ledger.View(SettlementAddress, new AbiWriter().ToCallData("domainSeparator()")));
    }

    [Fact]
    public void An_expired_quote_is_refused_and_moves_nothing()
    {
        _s.PostRate();
        _s.ApproveProvider();
        var quote = _s.Quote() with { Expiry = _s.NextBlockSeconds - 1 };
        var before = _s.Snapshot();

        var reason = Ledger.Fails(Payer, SettlementAddress, SettleCall(quote, _s.Sign(quote)));

        Assert.Contains("quote expired at", reason);
        _s.AssertUnchanged(before);
    }

    [Fact]
    public void A_quote_settles_once_and_its_reuse_is_refused_naming_the_block()
    {
        _s.PostRate();
        _s.ApproveProvider();
        var quote = _s.Quote();
        var signature = _s.Sign(quote);
        Ledger.Ok(Payer, SettlementAddress, SettleCall(quote, signature));
        var settledAt = Ledger.Chain.Head.Header.Number;
        var before = _s.Snapshot();

        var reason = Ledger.Fails(Payer, SettlementAddress, SettleCall(quote, signature));

        Assert.Contains($"quote nonce {quote.Nonce} of provider", reason);
        Assert.Contains($"already used at block {settledAt}", reason);
        _s.AssertUnchanged(before);
    }

    public static TheoryData<int> QuoteFields() => new(Enumerable.Range(0, 12));

    [Theory]
    [MemberData(nameof(QuoteFields))]
    public void Changing_any_field_after_signing_is_refused_and_moves_nothing(int field)
    {
        _s.PostRate();
        _s.ApproveProvider();
        var quote = _s.Quote();
        var signature = _s.Sign(quote);
        var tampered = Tamper(quote, field);
        var sender = tampered.Payer == Dev(Payer) ? Payer : 4;
        var before = _s.Snapshot();

        var reason = Ledger.Fails(sender, SettlementAddress, SettleCall(tampered, signature));

        Assert.Contains("the quote is not signed by its provider", reason);
        _s.AssertUnchanged(before);
    }

    [Fact]
    public void Only_the_payer_may_submit_the_quote()
    {
        _s.PostRate();
        _s.ApproveProvider();
        var quote = _s.Quote();
        var before = _s.Snapshot();

        var reason = Ledger.Fails(4, SettlementAddress, SettleCall(quote, _s.Sign(quote)));

        Assert.Contains($"only the payer {Dev(Payer).ToChecksumString()}", reason);
        _s.AssertUnchanged(before);
    }

    [Fact]
    public void A_quote_signed_by_a_customer_is_refused_as_no_fx_provider()
    {
        var quote = _s.Quote() with { Provider = Dev(5) };
        var before = _s.Snapshot();

        var reason = Ledger.Fails(Payer, SettlementAddress, SettleCall(quote, _s.Sign(quote, 5)));

        Assert.Contains("is not an FX provider", reason);
        _s.AssertUnchanged(before);
    }

    [Theory]
    [InlineData(64, "65 bytes")]
    [InlineData(0, "65 bytes")]
    public void A_malformed_signature_is_refused_with_the_reason(int length, string expected)
    {
        _s.PostRate();
        var quote = _s.Quote();

        var reason = Ledger.Fails(Payer, SettlementAddress, SettleCall(quote, _s.Sign(quote)[..length]));

        Assert.Contains("the quote signature is invalid", reason);
        Assert.Contains(expected, reason);
    }

    public void Dispose() => _s.Dispose();

    private static FxQuote Tamper(FxQuote q, int field) => field switch
    {
        0 => q with { Provider = Dev(16) },
        1 => q with { Payer = Dev(4) },
        2 => q with { Beneficiary = Dev(5) },
        3 => q with { PayToken = TestGenesis.Eurb },
        4 => q with { ReceiveToken = TestGenesis.Usda },
        5 => q with { PayAmount = q.PayAmount + UInt256.One },
        6 => q with { ReceiveAmount = q.ReceiveAmount + UInt256.One },
        7 => q with { Fee = UInt256.Zero },
        8 => q with { Rate = q.Rate + UInt256.One },
        9 => q with { Expiry = q.Expiry + 1 },
        10 => q with { Nonce = q.Nonce + UInt256.One },
        11 => q with { TravelRuleRef = Hash32.Zero },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
