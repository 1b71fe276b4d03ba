using System.Text.Json;
using Ledger.Core.Crypto;
using static Ledger.IntegrationTests.WalletAssert;

namespace Ledger.IntegrationTests;

/// <summary>
/// Issue 17 end to end, on a real `ledger dev` and the wallet: records a customer can trust (a held payment's recipient
/// and outcome, a cancelled hold that is not spending, pages that never repeat a row) and confirmations that show
/// the outcome before signing (names, the price after a coupon, a guardian hold), with the refusals before signing.
/// </summary>
public sealed class WalletRecordsTests(WalletNodeFixture fixture) : IClassFixture<WalletNodeFixture>
{
    private const int Usage = 2;
    private const int KeyError = 5;
    private const string Password = "correct horse battery staple";

    private string[] Sign => ["--yes", "--password-file", fixture.PasswordFile];

    [Fact]
    public async Task Held_payment_shows_its_recipient_and_release_and_a_cancelled_one_is_not_spent()
    {
        var sender = await fixture.DevAccountAt(2);
        var guardian = await fixture.DevAccountAt(3);
        await Json(fixture.Wallet("contacts", "add", "--name", "carol", "--address", DevKeys.Address(4).ToChecksumString(), "--json"));
        var carol = DevKeys.Address(4).ToChecksumString();
        await Json(fixture.Wallet(["guardian", "set", "--account", sender, "--token", "USDA", "--guardian", guardian, "--threshold", "1000", "--json", .. Sign]));

        var held = await Json(fixture.Wallet(["send", "--account", sender, "--to", "carol", "--amount", "1500", "--token", "USDA", "--json", .. Sign]));
        await Json(fixture.Wallet(["approve", held.GetProperty("heldId").ToString(), "--token", "USDA", "--account", guardian, "--json", .. Sign]));
        var cancelled = await Json(fixture.Wallet(["send", "--account", sender, "--to", "carol", "--amount", "2000", "--token", "USDA", "--json", .. Sign]));
        await Json(fixture.Wallet(["cancel", cancelled.GetProperty("heldId").ToString(), "--token", "USDA", "--account", sender, "--json", .. Sign]));
        await Json(fixture.Wallet(["send", "--account", sender, "--to", "carol", "--amount", "170", "--token", "USDA", "--json", .. Sign]));

        var withCarol = (await Json(fixture.Wallet("history", "--account", sender, "--counterparty", "carol", "--json"))).GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(
            ["transfer", "held-cancelled", "held", "held-released", "held"],
            withCarol.Select(e => e.GetProperty("kind").GetString()));
        Assert.All(withCarol, e => Assert.Equal((carol, "carol"), (e.GetProperty("counterparty").GetString(), e.GetProperty("counterpartyName").GetString())));
        Assert.Equal(("-1500.00", "held for your guardian #1"), (withCarol[4].GetProperty("change").GetString(), withCarol[4].GetProperty("what").GetString()));
        Assert.Equal(("0.00", "held payment #1 released to the recipient"), (withCarol[3].GetProperty("change").GetString(), withCarol[3].GetProperty("what").GetString()));
        var received = (await Json(fixture.Wallet("history", "--address", carol, "--kind", "held-released", "--json"))).GetProperty("entries")[0];
        Assert.Equal(("+1500.00", DevKeys.Address(2).ToChecksumString()), (received.GetProperty("change").GetString(), received.GetProperty("counterparty").GetString()));

        // The cancelled 2,000 went out and came back: the month's spending is what really left, 1,670.00.
        var statement = await Json(fixture.Wallet("statement", "--account", sender, "--json"));
        var usda = statement.GetProperty("currencies").EnumerateArray().Single(c => c.GetProperty("currency").GetString() == "USD").GetProperty("tokens")[0];
        Assert.Equal(("1670.00", "2000.00"), (usda.GetProperty("spent").GetString(), usda.GetProperty("returned").GetString()));
        var table = await fixture.Wallet("history", "--account", sender, "--limit", "5");
        Assert.Contains("held for your guardian #1", table.Output, StringComparison.Ordinal);
        Assert.Contains("carol", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_by_number_and_by_cursor_never_repeat_or_skip_a_row_while_blocks_arrive()
    {
        var payer = await fixture.DevAccountAt(5);
        for (var i = 1; i <= 7; i++)
        {
            await Json(fixture.Wallet(["send", "--account", payer, "--to", DevKeys.Address(6).ToChecksumString(), "--amount", $"{i}.00", "--token", "EURB", "--json", .. Sign]));
        }

        var first = await Json(fixture.Wallet("history", "--account", payer, "--token", "EURB", "--limit", "3", "--page", "1", "--json"));
        var asOf = first.GetProperty("asOfBlock").ToString();
        await Json(fixture.Wallet(["send", "--account", payer, "--to", DevKeys.Address(6).ToChecksumString(), "--amount", "99", "--token", "EURB", "--json", .. Sign]));
        var second = await Json(fixture.Wallet("history", "--account", payer, "--token", "EURB", "--limit", "3", "--page", "2", "--as-of", asOf, "--json"));
        var byCursor = await Json(fixture.Wallet("history", "--account", payer, "--token", "EURB", "--limit", "3", "--cursor", first.GetProperty("nextCursor").GetString()!, "--json"));
        var rpc = await Json(WalletRunner.RunAsync("--rpc", fixture.Node.RpcUrl.ToString(), "--wallet-dir", fixture.WalletDir, "history", "--account", payer, "--token", "EURB", "--limit", "3", "--page", "2", "--as-of", asOf, "--json"));

        string[] Amounts(JsonElement page) => [.. page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("amount").GetString()!)];
        Assert.Equal(["7.00", "6.00", "5.00"], Amounts(first));
        Assert.Equal(["4.00", "3.00", "2.00"], Amounts(second));
        Assert.Equal(Amounts(second), Amounts(byCursor));
        Assert.Equal(Amounts(second), Amounts(rpc));
        Assert.Equal((1, 2), (first.GetProperty("page").GetInt32(), first.GetProperty("nextPage").GetInt32()));
        Assert.Equal(3, second.GetProperty("nextPage").GetInt32());
        await Fails(fixture.Wallet("history", "--account", payer, "--page", "0"), Usage, "--page 0 is not a page number");
        await Fails(fixture.Wallet("history", "--account", payer, "--cursor", "nonsense"), Usage, "is not a cursor this wallet printed");
        await Fails(fixture.Wallet("history", "--account", payer, "--kind", "payment"), Usage, "--kind 'payment' is not a kind");
    }

    [Fact]
    public async Task Confirmations_name_the_parties_say_when_a_payment_will_be_held_and_show_the_price_after_a_coupon()
    {
        var shop = await fixture.DevAccountAt(8);
        var customer = await fixture.DevAccountAt(9);
        await Json(fixture.Wallet("contacts", "add", "--name", "the-shop", "--address", DevKeys.Address(8).ToChecksumString(), "--json"));
        await Json(fixture.Wallet(["coupon", "create", "--account", shop, "--code", "TENOFF", "--percent", "10", "--json", .. Sign]));
        var invoice = await Json(fixture.Wallet(["invoice", "create", "--account", shop, "--amount", "4.20", "--token", "EURB", "--memo", "coffee", "--json", .. Sign]));
        var id = invoice.GetProperty("id").ToString();

        var declined = await fixture.WalletAtTerminal(new ScriptedTerminal(["n"], []), "invoice", "pay", id, "--account", customer, "--coupon", "TENOFF");
        var paid = await fixture.WalletAtTerminal(new ScriptedTerminal(["y"], [Password]), "invoice", "pay", id, "--account", customer, "--coupon", "TENOFF");

        Assert.Equal(Usage, declined.ExitCode);
        Assert.Contains("you pay 3.78 EURB: 4.20 EURB less 0.42 EURB with coupon TENOFF", declined.Error, StringComparison.Ordinal);
        Assert.Contains("to merchant the-shop 0x", declined.Error, StringComparison.Ordinal);
        Assert.Contains("cancelled; nothing was sent", declined.Error, StringComparison.Ordinal);
        Assert.True(paid.ExitCode == 0, paid.ToString());
        Assert.Contains("Paid invoice", paid.Output, StringComparison.Ordinal);

        await Json(fixture.Wallet(["guardian", "set", "--account", customer, "--token", "GBPC", "--guardian", shop, "--threshold", "50", "--json", .. Sign]));
        var above = await fixture.WalletAtTerminal(new ScriptedTerminal(["no"], []), "send", "--account", customer, "--to", "the-shop", "--amount", "75", "--token", "GBPC");
        var colleague = await fixture.DevAccountAt(1);
        var below = await fixture.WalletAtTerminal(new ScriptedTerminal(["no"], []), "send", "--account", customer, "--to", colleague, "--amount", "5", "--token", "GBPC");

        Assert.Contains("to the-shop 0x", above.Error, StringComparison.Ordinal);
        Assert.Contains("It will be held for your guardian's approval, not paid at once: 75.00 GBPC is above the threshold 50.00 GBPC", above.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("held for your guardian", below.Error, StringComparison.Ordinal);
        Assert.Contains($"to '{colleague}' (your account) {DevKeys.Address(1).ToChecksumString()}", below.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_at_the_prompt_may_be_typed_again_up_to_three_times()
    {
        var payer = await fixture.DevAccountAt(7);
        var nonce = (await Json(fixture.Wallet("balance", "--account", payer, "--json"))).GetProperty("nonce").GetUInt64();

        var third = new ScriptedTerminal(["y"], ["wrong", "also wrong", Password]);
        var retried = await fixture.WalletAtTerminal(third, "send", "--account", payer, "--to", DevKeys.Address(1).ToChecksumString(), "--amount", "1", "--token", "SGDD");
        var never = new ScriptedTerminal(["y"], ["wrong", "wrong", "wrong", Password]);
        var refused = await fixture.WalletAtTerminal(never, "send", "--account", payer, "--to", DevKeys.Address(1).ToChecksumString(), "--amount", "1", "--token", "SGDD");

        Assert.True(retried.ExitCode == 0, retried.ToString());
        Assert.Contains("Wrong password for 'dev7'; 2 tries left.", retried.Error, StringComparison.Ordinal);
        Assert.Contains("Wrong password for 'dev7'; 1 try left.", retried.Error, StringComparison.Ordinal);
        Assert.Equal(KeyError, refused.ExitCode);
        Assert.Equal(3, never.PasswordsRead);
        Assert.Equal(nonce + 1, (await Json(fixture.Wallet("balance", "--account", payer, "--json"))).GetProperty("nonce").GetUInt64());
        // A password file is not typed: a wrong one fails at once.
        await Fails(fixture.Wallet("send", "--account", payer, "--to", DevKeys.Address(1).ToChecksumString(), "--amount", "1", "--token", "SGDD", "--yes", "--password-file", fixture.WrongPasswordFile), KeyError, "wrong password");
    }

    [Fact]
    public async Task Payments_to_oneself_zero_amounts_short_validities_and_unknown_invoices_are_refused_before_signing()
    {
        var payer = await fixture.DevAccountAt(6);
        var self = DevKeys.Address(6).ToChecksumString();
        var nonce = (await Json(fixture.Wallet("balance", "--account", payer, "--json"))).GetProperty("nonce").GetUInt64();

        await Fails(fixture.Wallet(["send", "--account", payer, "--to", self, "--amount", "1", "--token", "USDA", .. Sign]), Usage, "would pay itself");
        await Fails(fixture.Wallet(["send", "--account", payer, "--to", DevKeys.Address(1).ToChecksumString(), "--amount", "0", "--token", "USDA", .. Sign]), Usage, "the amount must be more than zero");
        await Fails(fixture.Wallet(["invoice", "create", "--account", payer, "--amount", "1", "--token", "USDA", "--valid-for", "5s", .. Sign]), Usage, "--valid-for 5s is too short");
        await Fails(fixture.Wallet(["escrow", "open", "--account", payer, "--token", "USDA", "--to", DevKeys.Address(1).ToChecksumString(), "--amount", "0", .. Sign]), Usage, "the amount must be more than zero");
        await Fails(fixture.Wallet(["invoice", "pay", "999", "--account", payer, .. Sign]), Usage, "invoice #999 does not exist");
        Assert.Equal(nonce, (await Json(fixture.Wallet("balance", "--account", payer, "--json"))).GetProperty("nonce").GetUInt64());

        var toSelf = await Json(fixture.Wallet(["send", "--account", payer, "--to", self, "--amount", "1", "--token", "USDA", "--allow-self", "--json", .. Sign]));
        var entry = (await Json(fixture.Wallet("history", "--account", payer, "--limit", "1", "--json"))).GetProperty("entries")[0];
        Assert.Equal(toSelf.GetProperty("hash").GetString(), entry.GetProperty("hash").GetString());
        Assert.Equal(("self", "0.00", "transfer to yourself"), (entry.GetProperty("direction").GetString(), entry.GetProperty("change").GetString(), entry.GetProperty("what").GetString()));
    }

    [Fact]
    public async Task Without_arguments_the_wallet_lists_its_commands()
    {
        var run = await WalletRunner.RunAsync();

        Assert.Equal(Usage, run.ExitCode);
        foreach (var command in new[] { "account", "balance", "send", "history", "statement", "invoice", "guardian", "escrow" })
        {
            Assert.Contains(command, run.Output, StringComparison.Ordinal);
        }
    }
}
