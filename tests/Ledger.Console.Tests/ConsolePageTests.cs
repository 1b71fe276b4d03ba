using Ledger.Console.Tests.Infrastructure;
using Ledger.Core.Crypto;
using Ledger.LoadGen.Chain;
using Ledger.LoadGen.Rpc;
using OpenQA.Selenium;

namespace Ledger.Console.Tests;

/// <summary>
/// The console in a real browser against a real `ledger dev` node: every page renders without a browser error, and
/// what it shows equals what JSON-RPC answers for the same data.
/// </summary>
public sealed class ConsolePageTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const int Payer = 4; // dev account 4: a verified Bank A customer with USDA from genesis
    private const int Payee = 5;
    private ConsoleNode Node => fixture.Node;
    private Browser Browser => fixture.Browser;

    [Fact]
    public async Task Every_page_renders_without_a_browser_error()
    {
        var hash = await DevChainTransactions.TransferAsync(Node.Rpc, Payer, DevKeys.Address(Payee), 101);
        var block = (await Node.Rpc.GetReceiptAsync(hash))!.Value.GetQuantity("blockNumber");
        string[] routes =
        [
            "explorer", "tokens", "tokens/USDA", $"account/{DevKeys.Address(Payer)}", "ops", "compliance",
            $"block/{block}", $"tx/{hash}",
        ];
        Browser.Open(Node.ConsoleUrl, "explorer");
        Browser.TakeErrors();
        foreach (var route in routes)
        {
            Browser.Go(route);
            var heading = Browser.Text("main h2");
            Assert.False(heading is "Could not load this page" or "Loading…", $"{route}: {heading}: {Browser.Text("main")}");
            Assert.Empty(Browser.TakeErrors().Select(e => $"{route}: {e}"));
            Browser.Screenshot(route.Split('/')[0]);
        }
    }

    [Fact]
    public async Task The_explorer_and_operations_pages_show_the_head_block_json_rpc_reports()
    {
        await DevChainTransactions.TransferAsync(Node.Rpc, Payer, DevKeys.Address(Payee), 7);
        var head = await Node.Rpc.BlockNumberAsync(); // no heartbeat blocks: the head stays put until the next transaction

        Browser.Open(Node.ConsoleUrl, "explorer");

        Assert.Equal(head.ToString(System.Globalization.CultureInfo.InvariantCulture), Browser.Text("#head-number"));
        Assert.Contains(head.ToString(System.Globalization.CultureInfo.InvariantCulture), Browser.Text("#latest-blocks tbody tr:first-child td:first-child"), StringComparison.Ordinal);
        Assert.Empty(Browser.TakeErrors());

        Browser.Go("ops");
        Assert.Equal(head.ToString(System.Globalization.CultureInfo.InvariantCulture), Browser.Text("#ops-head"));
        Assert.Equal((head + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Browser.Text("#ops-height")); // the height being decided
        Assert.Equal("0 pending, 0 queued", Browser.Text("#ops-pool"));
        Assert.Contains(DevKeys.Address(10).ToString()[..12].ToLowerInvariant(), Browser.Text("#ops-validators"), StringComparison.Ordinal);
        Assert.Empty(Browser.TakeErrors());
    }

    [Fact]
    public async Task Token_supply_and_an_account_balance_equal_what_json_rpc_returns()
    {
        await DevChainTransactions.TransferAsync(Node.Rpc, Payer, DevKeys.Address(Payee), 1234);
        var supply = await DevChainTransactions.TotalSupplyAsync(Node.Rpc, DevChain.Usda);
        var balance = await DevChainTransactions.BalanceAsync(Node.Rpc, DevChain.Usda, DevKeys.Address(Payee));

        Browser.Open(Node.ConsoleUrl, "tokens");
        Assert.Equal(Amounts.Format(supply, 2), Browser.Text("[data-supply='USDA']"));
        Browser.Go("tokens/USDA");
        Assert.Equal($"{Amounts.Format(supply, 2)} USDA", Browser.Text("#token-supply"));
        var holders = (await Node.Rpc.CallAsync("ledger_getTokenHolders", DevChain.Usda.ToString(), "0x0", "0x19")).GetProperty("holders");
        Assert.Equal(holders.GetArrayLength(), Browser.Driver.FindElements(By.CssSelector("#holders tbody tr")).Count);
        var payeeRow = holders.EnumerateArray().Single(h => string.Equals(h.GetProperty("address").GetString(), DevKeys.Address(Payee).ToString(), StringComparison.OrdinalIgnoreCase));
        Assert.Equal(balance, Convert.ToUInt64(payeeRow.GetProperty("balance").GetString()![2..], 16));
        Assert.Contains(Amounts.Format(balance, 2), Browser.Text("#holders"), StringComparison.Ordinal);
        Browser.Go($"account/{DevKeys.Address(Payee)}");
        Assert.Equal(Amounts.Format(balance, 2), Browser.Text("[data-balance='USDA']"));
        Assert.Empty(Browser.TakeErrors());
    }

    [Fact]
    public async Task The_explorer_updates_live_after_a_transfer_without_reloading()
    {
        Browser.Open(Node.ConsoleUrl, "explorer");
        Browser.WaitFor(() => Browser.Text("#live-status") == "live", "the newHeads subscription");
        var js = (IJavaScriptExecutor)Browser.Driver;
        js.ExecuteScript("window.__sameDocument = true;"); // a reload would lose it

        var hash = await DevChainTransactions.TransferAsync(Node.Rpc, Payer, DevKeys.Address(Payee), 55);
        var block = (await Node.Rpc.GetReceiptAsync(hash))!.Value.GetQuantity("blockNumber");

        Browser.WaitFor(() => Browser.Driver.FindElements(By.CssSelector($"#latest-transactions a[data-tx='{hash}']")).Count == 1, $"transaction {hash} in the latest transactions");
        Browser.WaitFor(() => Browser.Text("#head-number") == block.ToString(System.Globalization.CultureInfo.InvariantCulture), $"head {block}");
        Assert.Equal(true, js.ExecuteScript("return window.__sameDocument === true;"));
        Assert.Empty(Browser.TakeErrors());
    }

    [Fact]
    public async Task A_transaction_page_shows_the_decoded_call_and_its_events()
    {
        var hash = await DevChainTransactions.TransferAsync(Node.Rpc, Payer, DevKeys.Address(Payee), 1250);

        Browser.Open(Node.ConsoleUrl, $"tx/{hash}");

        Assert.Equal("success", Browser.Text("#tx-status"));
        var call = Browser.Text("#tx-call");
        Assert.StartsWith("DepositToken:USDA.transfer(", call, StringComparison.Ordinal);
        Assert.True(call.Contains("amount: 12.50 USDA", StringComparison.Ordinal), call);
        var events = Browser.Text("#tx-events");
        Assert.Contains("Transfer", events, StringComparison.Ordinal);
        Assert.True(events.Contains("value: 12.50 USDA", StringComparison.Ordinal), events);
        Assert.Empty(Browser.TakeErrors());

        var block = (await Node.Rpc.GetReceiptAsync(hash))!.Value.GetQuantity("blockNumber");
        var count = await Node.Rpc.CallAsync("eth_getBlockTransactionCountByNumber", $"0x{block:x}");
        Browser.Go($"block/{block}");
        Assert.Equal(LedgerRpcExtensions.ParseQuantity(count, "count").ToString(System.Globalization.CultureInfo.InvariantCulture), Browser.Text("#block-transaction-count"));
        Assert.Contains(hash[..10], Browser.Text("#block-transactions"), StringComparison.Ordinal);
        Assert.Empty(Browser.TakeErrors());
    }

    [Fact]
    public async Task Search_finds_an_account_by_its_alias_with_the_keyboard()
    {
        const int Anna = 8; // dev account 8: a verified Bank A customer that no other test names
        await DevChainTransactions.ClaimAliasAsync(Node.Rpc, Anna, "anna@bank-a");

        Browser.Open(Node.ConsoleUrl, "explorer");
        var before = (string?)((IJavaScriptExecutor)Browser.Driver).ExecuteScript("return document.getElementById('main').getAttribute('data-ready');");
        var input = Browser.Driver.FindElement(By.Id("search-input"));
        input.SendKeys("anna@bank-a" + Keys.Enter);
        Browser.WaitForReady(before);

        Assert.Equal(DevKeys.Address(Anna).ToString().ToLowerInvariant(), Browser.Text("#account-address"));
        Assert.Equal("anna@bank-a", Browser.Text("#account-alias"));
        Assert.Empty(Browser.TakeErrors());
    }

    [Fact]
    public void A_search_that_matches_nothing_says_so()
    {
        Browser.Open(Node.ConsoleUrl, "explorer");
        var input = Browser.Driver.FindElement(By.Id("search-input"));
        input.Clear();
        input.SendKeys("nobody@bank-a" + Keys.Enter);

        Browser.WaitFor(() => Browser.Text("#search-message").Length > 0, "the search message");
        Assert.Equal("nothing found for \"nobody@bank-a\"", Browser.Text("#search-message"));
        Assert.Empty(Browser.TakeErrors());
    }

    [Fact]
    public void Every_control_has_a_label_and_the_current_page_is_marked()
    {
        Browser.Open(Node.ConsoleUrl, $"account/{DevKeys.Address(Payer)}");

        // An input or select needs a <label for>, an aria-label or aria-labelledby; a button needs its text.
        var unlabelled = (IReadOnlyCollection<object>)((IJavaScriptExecutor)Browser.Driver).ExecuteScript("""
            return [...document.querySelectorAll('input, select, button, textarea')].filter((c) => {
              if (c.tagName === 'BUTTON') { return c.textContent.trim() === '' && !c.getAttribute('aria-label'); }
              return !(c.id && document.querySelector(`label[for="${c.id}"]`)) && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby');
            }).map((c) => c.outerHTML);
            """)!;
        Assert.Empty(unlabelled);
        Assert.True(Browser.Driver.FindElements(By.CssSelector("#history-token, #history-kind")).Count == 2, "the history filters are on the account page");
        Browser.Go("tokens");
        Assert.Equal("Tokens", Browser.Text("nav a[aria-current]"));
    }
}
