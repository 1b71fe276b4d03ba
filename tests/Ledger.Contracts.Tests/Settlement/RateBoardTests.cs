using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using static Ledger.Contracts.Tests.Settlement.SettlementDriver;

namespace Ledger.Contracts.Tests.Settlement;

/// <summary>The FX rate board: who may post, what a rate must look like, and what getRate returns.</summary>
public sealed class RateBoardTests : IDisposable
{
    private readonly SettlementDriver _s = new();

    private TestLedger Ledger => _s.Ledger;

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    public void A_bank_s_fx_desk_posts_a_rate_and_anyone_reads_it_with_its_window(int desk)
    {
        var postedAt = _s.NextBlockSeconds;

        var receipt = _s.PostRate(signer: desk, validFor: 900);

        Assert.Equal(["RatePosted"], Ledger.EventNames(receipt));
        var (rate, at, until) = Read(Dev(desk), "USD", "EUR");
        Assert.Equal(Rate, rate);
        Assert.Equal(postedAt, at);
        Assert.Equal(postedAt + 900, until);
        Assert.Equal((UInt256.Zero, 0UL, 0UL), Read(Dev(desk), "EUR", "USD"));
    }

    [Fact]
    public void A_new_post_replaces_the_previous_rate_of_the_pair()
    {
        _s.PostRate();
        _s.PostRate(rate: new UInt256(930_000_000_000_000_000UL));

        Assert.Equal(new UInt256(930_000_000_000_000_000UL), Read(Dev(Provider), "USD", "EUR").Rate);
    }

    [Fact]
    public void A_customer_may_not_post_rates()
    {
        var reason = Ledger.Fails(Payer, SettlementAddress, PostRateCall("USD", "EUR", Rate, _s.NextBlockSeconds + 60));

        Assert.Contains("only a bank's FX desk", reason);
    }

    [Theory]
    [InlineData("usd", "EUR", "ISO 4217")]
    [InlineData("USD", "EURO", "ISO 4217")]
    [InlineData("USD", "USD", "two different currencies")]
    public void A_malformed_pair_is_refused(string baseCurrency, string quoteCurrency, string expected)
    {
        var reason = Ledger.Fails(Provider, SettlementAddress, PostRateCall(baseCurrency, quoteCurrency, Rate, _s.NextBlockSeconds + 60));

        Assert.Contains(expected, reason);
    }

    [Theory]
    [InlineData(0UL, 60UL, "above zero")]
    [InlineData(1UL, 0UL, "is not after the current block time")]
    [InlineData(1UL, 86_401UL, "more than 24 hours")]
    public void A_zero_rate_or_a_bad_window_is_refused(ulong rate, ulong validFor, string expected)
    {
        var reason = Ledger.Fails(Provider, SettlementAddress, PostRateCall("USD", "EUR", rate, _s.NextBlockSeconds + validFor));

        Assert.Contains(expected, reason);
    }

    public void Dispose() => _s.Dispose();

    private (UInt256 Rate, ulong PostedAt, ulong ValidUntil) Read(Address provider, string baseCurrency, string quoteCurrency)
    {
        var r = new AbiReader(
            Ledger.View(SettlementAddress, Calls.Encode("getRate(address,string,string)", provider, baseCurrency, quoteCurrency)), "getRate");
        return (r.ReadUInt256("rate"), r.ReadUInt64("postedAt"), r.ReadUInt64("validUntil"));
    }
}
