using Ledger.Console.Tests.Infrastructure;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Console.Tests;

/// <summary>The compliance page shows a freeze, a posted FX rate and an open escrow made by the test, as the modules hold them.</summary>
public sealed class ConsoleComplianceTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const int BankBOfficer = 16;
    private const int BankBOperator = 1;
    private const int FrozenCustomer = 9; // a Bank B customer
    private const int Payer = 4;          // Bank A (US)
    private const int Beneficiary = 5;    // Bank B (DE): an open corridor

    [Fact]
    public async Task The_compliance_page_lists_the_frozen_account_the_rate_board_and_the_open_escrow()
    {
        var node = fixture.Node;
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await DevChainTransactions.FreezeAsync(node.Rpc, BankBOfficer, DevKeys.Address(FrozenCustomer), "sanctions screening hit");
        await DevChainTransactions.PostRateAsync(node.Rpc, BankBOperator, "USD", "EUR", new UInt256(920_000_000_000_000_000UL), now + 3600);
        await DevChainTransactions.OpenEscrowAsync(node.Rpc, Payer, DevKeys.Address(Beneficiary), 25_000, now + 86_400);

        var browser = fixture.Browser;
        browser.Open(node.ConsoleUrl, "compliance");

        var frozen = browser.Text("#frozen-accounts");
        Assert.True(frozen.Contains(DevKeys.Address(FrozenCustomer).ToString()[..12].ToLowerInvariant(), StringComparison.Ordinal), frozen);
        Assert.True(frozen.Contains("sanctions screening hit", StringComparison.Ordinal), frozen);
        var rates = browser.Text("#fx-rates");
        Assert.True(rates.Contains("USD/EUR 0.920000", StringComparison.Ordinal), rates);
        var escrows = browser.Text("#escrows");
        Assert.True(escrows.Contains("#1", StringComparison.Ordinal) && escrows.Contains("250.00 USDA", StringComparison.Ordinal), escrows);
        Assert.Empty(browser.TakeErrors());
        browser.Screenshot("compliance-with-data");

        browser.Go($"account/{DevKeys.Address(FrozenCustomer)}");
        Assert.Equal("yes: sanctions screening hit", browser.Text("#account-frozen"));
        Assert.Empty(browser.TakeErrors());
    }
}
