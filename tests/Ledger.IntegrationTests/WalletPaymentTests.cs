using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Core.Crypto;
using static Ledger.IntegrationTests.WalletAssert;

namespace Ledger.IntegrationTests;

/// <summary>
/// Cross-border and merchant payments end to end: an FX quote signed by Bank B and settled by a Bank A customer,
/// a Merchant-module invoice paid from its URI with a coupon, aliases, escrow, HTLC and the monthly statement.
/// </summary>
public sealed class WalletPaymentTests(WalletNodeFixture fixture) : IClassFixture<WalletNodeFixture>
{
    private const int Usage = 2;
    private const int Rejected = 3;

    private string[] Sign => ["--yes", "--password-file", fixture.PasswordFile];

    [Fact]
    public async Task Cross_border_payment_settles_atomically_against_a_signed_quote()
    {
        var payer = await fixture.DevAccountAt(4);
        var provider = await fixture.DevAccountAt(1);
        var beneficiary = DevKeys.Address(5).ToChecksumString();
        var quoteFile = Path.Combine(fixture.Directory, "quote.json");
        var payerBefore = Balance(await Json(fixture.Wallet("balance", "--account", payer, "--json")), "USDA");
        var beneficiaryBefore = Balance(await Json(fixture.Wallet("balance", "--address", beneficiary, "--json")), "EURB");

        await Json(fixture.Wallet(["bank", "post-rate", "--account", provider, "--base", "USD", "--quote", "EUR", "--rate", "0.92", "--valid-for", "1h", "--json", .. Sign]));
        var rate = await Json(fixture.Wallet("bank", "rate", "--provider", provider, "--base", "USD", "--quote", "EUR", "--json"));
        await Json(fixture.Wallet(["bank", "allow-settlement", "--account", provider, "--token", "EURB", "--amount", "100000", "--json", .. Sign]));
        await Json(fixture.Wallet("bank", "sign-quote", "--account", provider, "--payer", payer, "--beneficiary", beneficiary, "--pay-token", "USDA", "--receive-token", "EURB", "--amount", "100", "--fee", "0.50", "--output", quoteFile, "--json", "--password-file", fixture.PasswordFile));
        var settled = await Json(fixture.Wallet(["send", "--account", payer, "--quote", quoteFile, "--json", .. Sign]));
        var payerAfter = Balance(await Json(fixture.Wallet("balance", "--account", payer, "--json")), "USDA");
        var beneficiaryAfter = Balance(await Json(fixture.Wallet("balance", "--address", beneficiary, "--json")), "EURB");

        Assert.StartsWith("0.92", rate.GetProperty("rate").GetString(), StringComparison.Ordinal);
        Assert.Equal(("100.50", "92.00", "0.50"), (settled.GetProperty("paid").GetString(), settled.GetProperty("received").GetString(), settled.GetProperty("fee").GetString()));
        Assert.Equal(payerBefore - 100.50m, payerAfter);
        Assert.Equal(beneficiaryBefore + 92m, beneficiaryAfter);
        foreach (var history in await HistoryBothWays(payer))
        {
            var leg = history.EnumerateArray().First(e => e.GetProperty("what").GetString() == "FX settlement");
            Assert.Equal(("Settlement", "fx-settlement", "sent", "-100.50", "0.50"), (leg.GetProperty("module").GetString(), leg.GetProperty("kind").GetString(), leg.GetProperty("direction").GetString(), leg.GetProperty("change").GetString(), leg.GetProperty("fee").GetString()));
            // The real counterparty is the beneficiary; the provider is the way the money went.
            Assert.Equal((beneficiary, DevKeys.Address(1).ToChecksumString()), (leg.GetProperty("counterparty").GetString(), leg.GetProperty("via").GetString()));
            Assert.Matches("^0x[0-9a-f]{64}$", leg.GetProperty("reference").GetString());
        }

        await Fails(fixture.Wallet(["send", "--account", payer, "--quote", quoteFile, .. Sign]), Rejected, "was already used");
        await Fails(fixture.Wallet(["send", "--account", await fixture.DevAccountAt(8), "--quote", quoteFile, .. Sign]), Usage, "the quote is for payer");
        var tampered = JsonNode.Parse(await File.ReadAllTextAsync(quoteFile))!;
        tampered["beneficiary"] = DevKeys.Address(9).ToChecksumString();
        var tamperedFile = Path.Combine(fixture.Directory, "tampered-quote.json");
        await File.WriteAllTextAsync(tamperedFile, tampered.ToJsonString());
        await Fails(fixture.Wallet(["send", "--account", payer, "--quote", tamperedFile, .. Sign]), Rejected, "not by its provider");
    }

    [Fact]
    public async Task Invoice_is_paid_from_its_uri_with_a_coupon_and_earns_points()
    {
        var shop = await fixture.DevAccountAt(5);
        var customer = await fixture.DevAccountAt(6);
        var png = Path.Combine(fixture.Directory, "merchant-invoice.png");

        await Json(fixture.Wallet(["points", "program", "--account", shop, "--per-unit", "10", "--point-value", "1", "--json", .. Sign]));
        await Json(fixture.Wallet(["coupon", "create", "--account", shop, "--code", "WELCOME10", "--percent", "10", "--json", .. Sign]));
        var invoice = await Json(fixture.Wallet(["invoice", "create", "--account", shop, "--amount", "4.20", "--token", "EURB", "--memo", "coffee", "--png", png, "--json", .. Sign]));
        var uri = invoice.GetProperty("uri").GetString()!;
        var paid = await Json(fixture.Wallet(["invoice", "pay", uri, "--account", customer, "--coupon", "WELCOME10", "--json", .. Sign]));
        var points = await Json(fixture.Wallet("points", "--account", customer, "--merchant", shop, "--json"));
        var shown = await Json(fixture.Wallet("invoice", "show", invoice.GetProperty("id").ToString(), "--json"));
        var refund = await Json(fixture.Wallet(["invoice", "refund", invoice.GetProperty("id").ToString(), "--account", shop, "--amount", "1.00", "--json", .. Sign]));

        var id = invoice.GetProperty("id").ToString();
        foreach (var history in await HistoryBothWays(customer))
        {
            var payment = history.EnumerateArray().First(e => e.GetProperty("what").GetString() == $"invoice #{id} payment");
            Assert.Equal(("Merchant", "invoice-payment", id, "3.78"), (payment.GetProperty("module").GetString(), payment.GetProperty("kind").GetString(), payment.GetProperty("reference").GetString(), payment.GetProperty("amount").GetString()));
            Assert.Contains(history.EnumerateArray(), e => e.GetProperty("what").GetString() == $"invoice #{id} refund" && e.GetProperty("direction").GetString() == "received");
        }

        var table = await fixture.Wallet("history", "--account", shop, "--limit", "5");
        Assert.True(table.ExitCode == 0 && table.Output.Contains($"invoice #{id} refund", StringComparison.Ordinal), table.ToString());
        Assert.Matches(@"^ethereum:0x1000000000000000000000000000000000000004@4242/payInvoice\?uint256=\d+$", uri);
        Assert.True(new FileInfo(png).Length > 100);
        Assert.Equal(("3.78", "0.42", "4.20"), (paid.GetProperty("amount").GetString(), paid.GetProperty("discount").GetString(), paid.GetProperty("invoiceAmount").GetString()));
        Assert.Equal(DevKeys.Address(5).ToChecksumString(), paid.GetProperty("to").GetString());
        Assert.True(ulong.Parse(points.GetProperty("points").GetString()!, CultureInfo.InvariantCulture) > 0);
        Assert.Equal("paid", shown.GetProperty("status").GetString());
        Assert.Equal("1.00", refund.GetProperty("amount").GetString());
        await Fails(fixture.Wallet(["invoice", "pay", uri, "--account", customer, .. Sign]), Rejected, "nothing was paid");
        await Fails(fixture.Wallet(["invoice", "pay", "ethereum:0x1000000000000000000000000000000000000004@4242/payInvoice?uint256=abc", "--account", customer, .. Sign]), Usage, "is not an invoice");
        await Fails(fixture.Wallet(["invoice", "pay", "ethereum:0x1000000000000000000000000000000000000004@1/payInvoice?uint256=1", "--account", customer, .. Sign]), Usage, "is for chain 1");
    }

    /// <summary>The account's newest history entries, once over gRPC and once over JSON-RPC: both must say the same.</summary>
    private async Task<JsonElement[]> HistoryBothWays(string account)
    {
        var grpc = await Json(fixture.Wallet("history", "--account", account, "--limit", "10", "--json"));
        var rpc = await Json(WalletRunner.RunAsync("--rpc", fixture.Node.RpcUrl.ToString(), "--wallet-dir", fixture.WalletDir, "history", "--account", account, "--limit", "10", "--json"));
        return [grpc.GetProperty("entries"), rpc.GetProperty("entries")];
    }

    [Fact]
    public async Task Alias_claimed_on_chain_is_paid_by_name()
    {
        var anna = await fixture.DevAccountAt(9);
        var payer = await fixture.DevAccountAt(8);

        var claimed = await Json(fixture.Wallet(["alias", "claim", "--account", anna, "--alias", "anna@bank-b", "--json", .. Sign]));
        var resolved = await Json(fixture.Wallet("alias", "show", "--alias", "anna@bank-b", "--json"));
        var reverse = await Json(fixture.Wallet("alias", "show", "--account", anna, "--json"));
        var sent = await Json(fixture.Wallet(["send", "--account", payer, "--to", "anna@bank-b", "--amount", "2", "--token", "USDA", "--json", .. Sign]));

        Assert.Equal(DevKeys.Address(9).ToChecksumString(), claimed.GetProperty("address").GetString());
        Assert.Equal(DevKeys.Address(9).ToChecksumString(), resolved.GetProperty("address").GetString());
        Assert.Equal("anna@bank-b", reverse.GetProperty("alias").GetString());
        Assert.Equal(DevKeys.Address(9).ToChecksumString(), sent.GetProperty("to").GetString());
        await Fails(fixture.Wallet(["send", "--account", payer, "--to", "nobody@bank-b", "--amount", "2", "--token", "USDA", .. Sign]), Usage, "cannot pay 'nobody@bank-b'");
        await Fails(fixture.Wallet(["alias", "claim", "--account", payer, "--alias", "anna@bank-b", .. Sign]), Rejected, "nothing was sent");
        await Json(fixture.Wallet(["alias", "release", "--account", anna, "--json", .. Sign]));
        var released = await Json(fixture.Wallet("alias", "show", "--account", anna, "--json"));
        Assert.Equal(JsonValueKind.Null, released.GetProperty("alias").ValueKind);
    }

    [Fact]
    public async Task Escrow_is_decided_by_the_beneficiary_bank_and_htlc_is_claimed_with_its_secret()
    {
        var payer = await fixture.DevAccountAt(4);
        var bankB = await fixture.DevAccountAt(1);
        var beneficiary = DevKeys.Address(5).ToChecksumString();

        var opened = await Json(fixture.Wallet(["escrow", "open", "--account", payer, "--token", "USDA", "--to", beneficiary, "--amount", "25", "--valid-for", "2d", "--json", .. Sign]));
        var id = opened.GetProperty("id").ToString();
        await Fails(fixture.Wallet(["escrow", "approve", id, "--account", payer, .. Sign]), Rejected, "nothing was sent");
        await Json(fixture.Wallet(["escrow", "approve", id, "--account", bankB, "--json", .. Sign]));
        var approved = await Json(fixture.Wallet("escrow", "show", id, "--json"));
        var second = (await Json(fixture.Wallet(["escrow", "open", "--account", payer, "--token", "USDA", "--to", beneficiary, "--amount", "5", "--json", .. Sign]))).GetProperty("id").ToString();
        await Json(fixture.Wallet(["escrow", "reject", second, "--account", bankB, "--reason", "screening", "--json", .. Sign]));
        await Fails(fixture.Wallet(["escrow", "reclaim", second, "--account", payer, .. Sign]), Rejected, "already rejected");

        var locked = await Json(fixture.Wallet(["htlc", "lock", "--account", payer, "--token", "USDA", "--to", beneficiary, "--amount", "10", "--valid-for", "1h", "--json", .. Sign]));
        var htlc = locked.GetProperty("id").ToString();
        await Fails(fixture.Wallet(["htlc", "claim", htlc, "--preimage", "0x" + new string('1', 64), "--account", payer, .. Sign]), Rejected, "wrong preimage");
        await Json(fixture.Wallet(["htlc", "claim", htlc, "--preimage", locked.GetProperty("preimage").GetString()!, "--account", payer, "--json", .. Sign]));
        var claimed = await Json(fixture.Wallet("htlc", "show", htlc, "--json"));
        await Fails(fixture.Wallet(["htlc", "refund", htlc, "--account", payer, .. Sign]), Rejected, "already claimed");

        Assert.Equal(("approved", "25.00"), (approved.GetProperty("state").GetString(), approved.GetProperty("amount").GetString()));
        Assert.Equal("claimed", claimed.GetProperty("state").GetString());
        Assert.Equal(locked.GetProperty("preimage").GetString(), claimed.GetProperty("preimage").GetString());
    }

    [Fact]
    public async Task Statement_sums_the_month_per_currency_by_counterparty_and_by_kind()
    {
        var spender = await fixture.DevAccountAt(7);
        var contact = await fixture.Wallet("contacts", "add", "--name", "grocer", "--address", DevKeys.Address(3).ToChecksumString());
        Assert.True(contact.ExitCode == 0, contact.ToString());
        await Json(fixture.Wallet(["send", "--account", spender, "--to", "grocer", "--amount", "12.50", "--token", "SGDD", "--json", .. Sign]));
        await Json(fixture.Wallet(["send", "--account", spender, "--to", "grocer", "--amount", "7.50", "--token", "SGDD", "--json", .. Sign]));
        await Json(fixture.Wallet(["send", "--account", spender, "--to", DevKeys.Address(2).ToChecksumString(), "--amount", "3", "--token", "GBPC", "--json", .. Sign]));
        var head = await Json(fixture.Wallet("node", "info", "--json"));
        var month = head.GetProperty("head").GetProperty("time").GetString()![..7];

        var statement = await Json(fixture.Wallet("statement", "--account", spender, "--month", month, "--json"));
        var current = await Json(fixture.Wallet("statement", "--account", spender, "--json")); // the current month by default
        var text = await fixture.Wallet("statement", "--account", spender, "--month", month);
        var csv = await fixture.Wallet("statement", "--account", spender, "--month", month, "--csv");

        var sgd = statement.GetProperty("currencies").EnumerateArray().Single(c => c.GetProperty("currency").GetString() == "SGD").GetProperty("tokens")[0];
        Assert.Equal(("SGDD", "20.00", 2), (sgd.GetProperty("token").GetString(), sgd.GetProperty("spent").GetString(), sgd.GetProperty("payments").GetInt32()));
        var grocer = Assert.Single(sgd.GetProperty("byCounterparty").EnumerateArray(), l => l.GetProperty("name").GetString() == "grocer");
        Assert.Equal(("20.00", 2), (grocer.GetProperty("spent").GetString(), grocer.GetProperty("payments").GetInt32()));
        Assert.Equal("transfer", Assert.Single(sgd.GetProperty("byKind").EnumerateArray(), k => k.GetProperty("spent").GetString() != "0.00").GetProperty("kind").GetString());
        var gbp = statement.GetProperty("currencies").EnumerateArray().Single(c => c.GetProperty("currency").GetString() == "GBP").GetProperty("tokens")[0];
        Assert.Equal("3.00", gbp.GetProperty("spent").GetString());
        Assert.Equal(month, current.GetProperty("month").GetString());
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("█", text.Output, StringComparison.Ordinal);
        Assert.Contains("in 2 payments", text.Output, StringComparison.Ordinal);
        Assert.Contains("in 1 payment ", text.Output, StringComparison.Ordinal);
        Assert.Contains($"SGD,SGDD,counterparty,grocer,{DevKeys.Address(3).ToChecksumString()},0.00,20.00,0.00,-20.00,2", csv.Output, StringComparison.Ordinal);
        await Fails(fixture.Wallet("statement", "--account", spender, "--month", "November"), Usage, "is not a month");
    }
}
