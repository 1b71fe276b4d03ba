using Ledger.Console.Tests.Infrastructure;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using OpenQA.Selenium;

namespace Ledger.Console.Tests;

/// <summary>The account page's history (ledger_getAccountHistory: paged, filtered by token and kind) and its spending chart.</summary>
public sealed class ConsoleAccountHistoryTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const int Spender = 7;   // Bank D (SG)
    private const int Shop = 6;      // Bank C (GB): an open corridor
    private static readonly Address Gbpc = Address.Parse("0x2000000000000000000000000000000000000004");

    [Fact]
    public async Task History_shows_a_transfer_filtered_by_token_and_kind_and_the_chart_shows_the_spending()
    {
        var node = fixture.Node;
        var hash = await DevChainTransactions.TransferAsync(node.Rpc, Spender, DevKeys.Address(Shop), 4321, Gbpc);
        var browser = fixture.Browser;

        browser.Open(node.ConsoleUrl, $"account/{DevKeys.Address(Spender)}");
        // Choose the filters with the keyboard: typing on a focused <select> picks the matching option.
        browser.Driver.FindElement(By.Id("history-token")).SendKeys("GBPC");
        browser.Driver.FindElement(By.Id("history-kind")).SendKeys("transfer");
        var before = (string?)((IJavaScriptExecutor)browser.Driver).ExecuteScript("return document.getElementById('main').getAttribute('data-ready');");
        browser.Driver.FindElement(By.CssSelector("form.filters button")).SendKeys(Keys.Enter);
        browser.WaitForReady(before);

        var history = browser.Text("#history");
        Assert.True(history.Contains("-43.21 GBPC", StringComparison.Ordinal) && history.Contains(hash[..10], StringComparison.Ordinal), history);
        Assert.DoesNotContain("USDA", history, StringComparison.Ordinal);
        var rows = browser.Driver.FindElements(By.CssSelector("#history tbody tr"));
        Assert.Single(rows); // the only GBPC transfer of this account

        var chart = browser.Driver.FindElement(By.Id("spending-chart"));
        Assert.NotEmpty(chart.FindElements(By.CssSelector("svg rect.bar")));
        Assert.Contains("GBP: highest month 43.21", chart.Text, StringComparison.Ordinal);
        Assert.Empty(browser.TakeErrors());
        browser.Screenshot("account-with-history");
    }
}
