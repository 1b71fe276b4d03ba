using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Core.Crypto;
using Ledger.IntegrationTests.Infrastructure;
using static Ledger.IntegrationTests.WalletAssert;

namespace Ledger.IntegrationTests;

/// <summary>
/// The wallet paying an invoice through a node that lies about it: the wallet signs the amount and merchant it
/// showed (<c>payInvoiceExact</c>), so the chain refuses the payment and no money moves, however the node lies.
/// </summary>
public sealed class WalletLyingNodeTests(WalletNodeFixture fixture) : IClassFixture<WalletNodeFixture>
{
    private const int Rejected = 3;

    /// <summary>The dry run of the signed payment "succeeds" too, so the transaction really reaches the chain.</summary>
    private static readonly KeyValuePair<string, Func<string?, string>> FakeSuccess =
        new("payInvoiceExact(uint256,uint256,address,uint256,string)", _ => "0x" + Word(100) + Word(0) + Word(0));

    private string[] Sign => ["--yes", "--password-file", fixture.PasswordFile];

    [Fact]
    public async Task A_node_showing_a_lower_amount_cannot_make_the_wallet_pay_the_real_one()
    {
        var (shop, customer, id) = await InvoiceOf420();

        // The node says the 4.20 invoice is 1.00, and so does its dry run of the payment.
        using var liar = new LyingRpcProxy(fixture.Node.RpcUrl, new Dictionary<string, Func<string?, string>>
        {
            ["getInvoice(uint256)"] = real => ReplaceWord(real!, 2, Word(100)),
            ["payInvoice(uint256,string)"] = real => ReplaceWord(real!, 0, Word(100)),
            [FakeSuccess.Key] = FakeSuccess.Value,
        });

        await PayThroughLiarIsRefused(liar, shop, customer, id, "comes to 4.20");
    }

    [Fact]
    public async Task A_node_showing_another_merchant_cannot_make_the_wallet_pay_the_real_one()
    {
        var (shop, customer, id) = await InvoiceOf420();

        // The node names dev 7 (someone the customer would pay) as the merchant; the money would go to dev 5.
        using var liar = new LyingRpcProxy(fixture.Node.RpcUrl, new Dictionary<string, Func<string?, string>>
        {
            ["getInvoice(uint256)"] = real => ReplaceWord(real!, 0, Word(DevKeys.Address(7).ToString())),
            [FakeSuccess.Key] = FakeSuccess.Value,
        });

        await PayThroughLiarIsRefused(liar, shop, customer, id, "is payable to " + DevKeys.Address(5).ToChecksumString());
    }

    [Fact]
    public async Task A_node_that_changes_its_chain_id_after_first_use_is_refused_and_nothing_is_signed()
    {
        var customer = await fixture.DevAccountAt(6);
        using var node = new LyingRpcProxy(fixture.Node.RpcUrl, new Dictionary<string, Func<string?, string>>());
        string[] send = ["--rpc", node.Url.ToString(), "--wallet-dir", fixture.WalletDir, "send", "--account", customer, "--to", DevKeys.Address(7).ToChecksumString(), "--amount", "1", "--token", "USDA", .. Sign];
        Assert.Equal(0, (await WalletRunner.RunAsync(send)).ExitCode);
        var before = Balance(await Json(fixture.Wallet("balance", "--account", customer, "--json")), "USDA");

        node.Tell("eth_chainId", _ => "0x1");
        var run = await Fails(WalletRunner.RunAsync(send), Rejected, "now reports chain 1 with genesis");

        Assert.Contains("pinned chain 4242", run.Error, StringComparison.Ordinal);
        Assert.Contains("nodes.json", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, Balance(await Json(fixture.Wallet("balance", "--account", customer, "--json")), "USDA"));
    }

    [Fact]
    public async Task A_node_reporting_a_lower_nonce_cannot_make_the_wallet_sign_over_a_payment_it_sent()
    {
        var customer = await fixture.DevAccountAt(6);
        var payee = DevKeys.Address(7);
        using var node = new LyingRpcProxy(fixture.Node.RpcUrl, new Dictionary<string, Func<string?, string>>());
        string[] Send(string amount, params string[] more) =>
            ["--rpc", node.Url.ToString(), "--wallet-dir", fixture.WalletDir, "send", "--account", customer, "--to", payee.ToChecksumString(), "--amount", amount, "--token", "USDA", .. more, .. Sign];
        var before = Balance(await Json(fixture.Wallet("balance", "--address", payee.ToChecksumString(), "--json")), "USDA");
        var nonce = await PendingNonceAsync(DevKeys.Address(6));

        // Payment A leaves without waiting, so it is still in the wallet's outbox; then the node "forgets" it: it
        // reports A's nonce as both the committed and the pending one, as if A had never been sent.
        Assert.Equal(0, (await WalletRunner.RunAsync(Send("1.25", "--no-wait"))).ExitCode);
        node.Tell("eth_getTransactionCount", _ => $"0x{nonce:x}");
        var second = await WalletRunner.RunAsync(Send("2.50"));

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.True(node.LiesTold > 0);
        Assert.Equal(nonce + 2, await PendingNonceAsync(DevKeys.Address(6))); // B signed A's nonce + 1: both committed
        Assert.Equal(before + 3.75m, Balance(await Json(fixture.Wallet("balance", "--address", payee.ToChecksumString(), "--json")), "USDA"));
    }

    private async Task<ulong> PendingNonceAsync(Ledger.Core.Primitives.Address account)
    {
        using var http = new HttpClient();
        var body = $$"""{"jsonrpc":"2.0","id":1,"method":"eth_getTransactionCount","params":["{{account}}","pending"]}""";
        using var response = await http.PostAsync(fixture.Node.RpcUrl, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return Convert.ToUInt64(json.RootElement.GetProperty("result").GetString()![2..], 16);
    }

    private async Task<(string Shop, string Customer, string Id)> InvoiceOf420()
    {
        var shop = await fixture.DevAccountAt(5);
        var customer = await fixture.DevAccountAt(6);
        var invoice = await Json(fixture.Wallet(["invoice", "create", "--account", shop, "--amount", "4.20", "--token", "EURB", "--memo", "tea", "--json", .. Sign]));
        return (shop, customer, invoice.GetProperty("id").ToString());
    }

    private async Task PayThroughLiarIsRefused(LyingRpcProxy liar, string shop, string customer, string id, string reason)
    {
        var customerBefore = Balance(await Json(fixture.Wallet("balance", "--account", customer, "--json")), "EURB");
        var shopBefore = Balance(await Json(fixture.Wallet("balance", "--account", shop, "--json")), "EURB");

        var run = await Fails(
            WalletRunner.RunAsync(["--rpc", liar.Url.ToString(), "--wallet-dir", fixture.WalletDir, "invoice", "pay", id, "--account", customer, .. Sign]),
            Rejected,
            "nothing changed");

        // The transaction reached the chain and the chain refused it; its reason (not in a JSON-RPC receipt) via gRPC.
        Assert.True(liar.LiesTold >= 2, run.ToString());
        var hash = Regex.Match(run.Error, @"\(transaction (0x[0-9a-f]{64}), block").Groups[1].Value;
        Assert.True(hash.Length == 66, run.ToString());
        var status = await fixture.Wallet("tx", "status", hash, "--json");
        Assert.Contains(reason, JsonDocument.Parse(status.Output).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("open", (await Json(fixture.Wallet("invoice", "show", id, "--json"))).GetProperty("status").GetString());
        Assert.Equal(customerBefore, Balance(await Json(fixture.Wallet("balance", "--account", customer, "--json")), "EURB"));
        Assert.Equal(shopBefore, Balance(await Json(fixture.Wallet("balance", "--account", shop, "--json")), "EURB"));
    }

    private static string Word(ulong value) => value.ToString("x64", CultureInfo.InvariantCulture);

    private static string Word(string address) => address[2..].PadLeft(64, '0');

    private static string ReplaceWord(string hex, int index, string word) =>
        string.Concat(hex.AsSpan(0, 2 + (64 * index)), word, hex.AsSpan(2 + (64 * (index + 1))));
}
