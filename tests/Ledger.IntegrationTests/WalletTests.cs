using System.Text.Json;
using Ledger.Core.Crypto;
using Ledger.IntegrationTests.Infrastructure;

namespace Ledger.IntegrationTests;

/// <summary>The wallet CLI end to end: a real `ledger dev` and the built `ledger-wallet` driven as a script would.</summary>
public sealed class WalletTests(WalletNodeFixture fixture) : IClassFixture<WalletNodeFixture>
{
    private const int Usage = 2;
    private const int Rejected = 3;
    private const int Unreachable = 4;
    private const int KeyError = 5;
    private static readonly string Account2 = DevKeys.Address(2).ToChecksumString();

    [Fact]
    public async Task Imported_dev_key_sends_12_5_USDA_that_shows_in_balances_and_history()
    {
        var import = await fixture.DevAccount;
        Assert.True(import.ExitCode == 0, import.ToString());
        var before = Usda(await Json(fixture.Wallet("balance", "--address", Account2, "--json")));

        var send = await Json(fixture.Wallet("send", "--account", "dev0", "--to", Account2, "--amount", "12.5", "--token", "USDA", "--yes", "--json", "--password-file", fixture.PasswordFile));

        Assert.Equal("success", send.GetProperty("status").GetString());
        Assert.Equal("12.50", send.GetProperty("amount").GetString());
        var hash = send.GetProperty("hash").GetString();
        var after = Usda(await Json(fixture.Wallet("balance", "--address", Account2, "--json")));
        Assert.Equal(before + 12.50m, after);
        var history = await Json(fixture.Wallet("history", "--account", "dev0", "--json"));
        var entry = history.GetProperty("entries").EnumerateArray().First(e => e.GetProperty("hash").GetString() == hash);
        Assert.Equal("sent", entry.GetProperty("direction").GetString());
        Assert.Equal("USDA", entry.GetProperty("token").GetString());
        Assert.Equal("12.50", entry.GetProperty("amount").GetString());
        Assert.Equal(Account2, entry.GetProperty("counterparty").GetString());
        var received = await Json(fixture.Wallet("history", "--address", Account2, "--token", "USDA", "--json"));
        Assert.Contains(received.GetProperty("entries").EnumerateArray(), e => e.GetProperty("hash").GetString() == hash && e.GetProperty("direction").GetString() == "received");
        var status = await Json(fixture.Wallet("tx", "status", hash!, "--json"));
        Assert.Equal("success", status.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Balance_shows_every_token_with_currency_and_decimals()
    {
        Assert.Equal(0, (await fixture.DevAccount).ExitCode);

        var run = await fixture.Wallet("balance", "--account", "dev0");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var expected in new[] { "USDA", "EURA", "EURB", "GBPC", "SGDD", "USD", "EUR", "GBP", "SGD" })
        {
            Assert.Contains(expected, run.Output, StringComparison.Ordinal);
        }

        Assert.Contains("1000000.00", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contact_name_pays_the_contact_address()
    {
        Assert.Equal(0, (await fixture.DevAccount).ExitCode);
        var account3 = DevKeys.Address(3).ToChecksumString();
        var add = await fixture.Wallet("contacts", "add", "--name", "carol", "--address", account3);
        Assert.True(add.ExitCode == 0, add.ToString());

        var send = await Json(fixture.Wallet("send", "--account", "dev0", "--to", "carol", "--amount", "3", "--token", "GBPC", "--yes", "--json", "--password-file", fixture.PasswordFile));

        Assert.Equal("success", send.GetProperty("status").GetString());
        Assert.Equal(account3, send.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Plain_transfer_request_uri_created_by_one_wallet_is_paid_by_another()
    {
        Assert.Equal(0, (await fixture.DevAccount).ExitCode);
        var shop = await fixture.Wallet("account", "import", "--name", "shop", "--mnemonic", DevKeys.Mnemonic, "--index", "5", "--light-kdf", "--password-file", fixture.PasswordFile);
        Assert.True(shop.ExitCode == 0, shop.ToString());
        var png = Path.Combine(fixture.Directory, "invoice.png");

        // --transfer: the plain ERC-20 EIP-681 request (no Merchant module, no signature) still works.
        var invoice = await Json(fixture.Wallet("invoice", "create", "--account", "shop", "--amount", "4.20", "--token", "EURB", "--transfer", "--png", png, "--json"));
        var uri = invoice.GetProperty("uri").GetString()!;
        var paid = await Json(fixture.Wallet("invoice", "pay", uri, "--account", "dev0", "--yes", "--json", "--password-file", fixture.PasswordFile));

        Assert.StartsWith("ethereum:0x", uri, StringComparison.Ordinal);
        Assert.True(new FileInfo(png).Length > 100);
        Assert.Equal("success", paid.GetProperty("status").GetString());
        Assert.Equal("4.20", paid.GetProperty("amount").GetString());
        Assert.Equal(DevKeys.Address(5).ToChecksumString(), paid.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Malformed_payment_uri_is_a_usage_error()
    {
        Assert.Equal(0, (await fixture.DevAccount).ExitCode);

        var run = await fixture.Wallet("invoice", "pay", "ethereum:not-a-request", "--account", "dev0", "--yes", "--password-file", fixture.PasswordFile);

        Assert.Equal(Usage, run.ExitCode);
        Assert.Contains("is not a payment request", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_filters_by_counterparty_and_date_over_both_transports()
    {
        Assert.Equal(0, (await fixture.DevAccount).ExitCode);
        var account4 = DevKeys.Address(4).ToChecksumString();
        var send = await Json(fixture.Wallet("send", "--account", "dev0", "--to", account4, "--amount", "1.5", "--token", "SGDD", "--yes", "--json", "--password-file", fixture.PasswordFile));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var rpc = fixture.Node.RpcUrl.ToString();

        var grpc = await Json(fixture.Wallet("history", "--account", "dev0", "--counterparty", account4, "--since", today, "--json"));
        var json = await Json(WalletRunner.RunAsync("--rpc", rpc, "--wallet-dir", fixture.WalletDir, "history", "--account", "dev0", "--counterparty", account4, "--json"));
        var old = await Json(fixture.Wallet("history", "--account", "dev0", "--until", "2000-01-01", "--json"));

        foreach (var history in new[] { grpc, json })
        {
            var entries = history.GetProperty("entries").EnumerateArray().ToList();
            Assert.Contains(entries, e => e.GetProperty("hash").GetString() == send.GetProperty("hash").GetString());
            Assert.All(entries, e => Assert.Equal(account4, e.GetProperty("counterparty").GetString()));
        }

        Assert.Equal(0, old.GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task Wrong_password_is_refused_and_nothing_is_sent()
    {
        Assert.Equal(0, (await fixture.DevAccount).ExitCode);
        var nonceBefore = (await Json(fixture.Wallet("balance", "--account", "dev0", "--json"))).GetProperty("nonce").GetUInt64();

        var run = await fixture.Wallet("send", "--account", "dev0", "--to", Account2, "--amount", "1", "--token", "USDA", "--yes", "--password-file", fixture.WrongPasswordFile);

        Assert.Equal(KeyError, run.ExitCode);
        Assert.Contains("wrong password for account 'dev0'", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not the password", run.Output + run.Error, StringComparison.Ordinal);
        Assert.Equal(nonceBefore, (await Json(fixture.Wallet("balance", "--account", "dev0", "--json"))).GetProperty("nonce").GetUInt64());
    }

    [Fact]
    public async Task Unknown_token_is_a_usage_error_naming_the_known_tokens()
    {
        Assert.Equal(0, (await fixture.DevAccount).ExitCode);

        var run = await fixture.Wallet("send", "--account", "dev0", "--to", Account2, "--amount", "1", "--token", "XYZ", "--yes", "--password-file", fixture.PasswordFile);

        Assert.Equal(Usage, run.ExitCode);
        Assert.Contains("unknown token 'XYZ'; this node has USDA, EURA, EURB, GBPC, SGDD", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insufficient_balance_is_a_rejection_in_plain_words()
    {
        Assert.Equal(0, (await fixture.DevAccount).ExitCode);

        var run = await fixture.Wallet("send", "--account", "dev0", "--to", Account2, "--amount", "2000000", "--token", "USDA", "--yes", "--json", "--password-file", fixture.PasswordFile);

        Assert.Equal(Rejected, run.ExitCode);
        Assert.Contains("insufficient balance", run.Error, StringComparison.Ordinal);
        Assert.Contains("the payment needs 2000000.00 USDA; nothing was sent", run.Error, StringComparison.Ordinal);
        Assert.Equal(Rejected, JsonDocument.Parse(run.Output).RootElement.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Payment_to_an_unregistered_account_reverts_with_the_module_reason()
    {
        Assert.Equal(0, (await fixture.DevAccount).ExitCode);
        var stranger = Ecdsa.Default.AddressOf(Core.Primitives.Hex.Decode("0x" + new string('7', 64))).ToChecksumString();

        var run = await fixture.Wallet("send", "--account", "dev0", "--to", stranger, "--amount", "1", "--token", "USDA", "--yes", "--password-file", fixture.PasswordFile);

        Assert.Equal(Rejected, run.ExitCode);
        Assert.Contains("the payment failed:", run.Error, StringComparison.Ordinal);
        Assert.Contains("no money moved", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public async Task Unreachable_node_exits_with_its_own_code_and_message()
    {
        Assert.Equal(0, (await fixture.DevAccount).ExitCode);
        var port = FreePort();

        var run = await WalletRunner.RunAsync("--node", $"127.0.0.1:{port}", "--wallet-dir", fixture.WalletDir, "balance", "--account", "dev0");

        Assert.Equal(Unreachable, run.ExitCode);
        Assert.Contains($"cannot reach the node at 127.0.0.1:{port}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_rpc_endpoint_serves_the_same_balances_and_payments()
    {
        Assert.Equal(0, (await fixture.DevAccount).ExitCode);
        var rpc = fixture.Node.RpcUrl.ToString();

        var send = await Json(WalletRunner.RunAsync("--rpc", rpc, "--wallet-dir", fixture.WalletDir, "send", "--account", "dev0", Account2, "0.25", "EURB", "--yes", "--json", "--password-file", fixture.PasswordFile));
        var viaRpc = await Json(WalletRunner.RunAsync("--rpc", rpc, "--wallet-dir", fixture.WalletDir, "balance", "--account", "dev0", "--json"));
        var viaGrpc = await Json(fixture.Wallet("balance", "--account", "dev0", "--json"));

        Assert.Equal("success", send.GetProperty("status").GetString());
        Assert.Equal(viaGrpc.GetProperty("balances").ToString(), viaRpc.GetProperty("balances").ToString());
        var history = await Json(WalletRunner.RunAsync("--rpc", rpc, "--wallet-dir", fixture.WalletDir, "history", "--account", "dev0", "--token", "EURB", "--json"));
        Assert.Equal(send.GetProperty("hash").GetString(), history.GetProperty("entries")[0].GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Node_info_and_tokens_read_the_same_chain_over_grpc_and_json_rpc()
    {
        var rpc = fixture.Node.RpcUrl.ToString();

        var grpc = await Json(fixture.Wallet("node", "info", "--json"));
        var json = await Json(WalletRunner.RunAsync("--rpc", rpc, "node", "info", "--json"));
        var tokens = await Json(fixture.Wallet("tokens", "--json"));

        Assert.Equal(4242UL, grpc.GetProperty("chainId").GetUInt64());
        Assert.Equal(4242UL, json.GetProperty("chainId").GetUInt64());
        Assert.Contains(grpc.GetProperty("modules").EnumerateArray(), m => m.GetProperty("name").GetString() == "IdentityRegistry");
        Assert.Equal(grpc.GetProperty("modules").GetArrayLength(), json.GetProperty("modules").GetArrayLength());
        Assert.Equal(
            "USDA,EURA,EURB,GBPC,SGDD",
            string.Join(',', tokens.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("symbol").GetString())));
    }

    [Fact]
    public async Task Status_of_an_unknown_transaction_says_so()
    {
        var hash = "0x" + new string('a', 64);

        var run = await fixture.Wallet("tx", "status", hash);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{hash}: unknown to this node", run.Output, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> Json(Task<WalletRun> running)
    {
        var run = await running;
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonDocument.Parse(run.Output).RootElement.Clone();
    }

    private static decimal Usda(JsonElement balance) =>
        decimal.Parse(
            balance.GetProperty("balances").EnumerateArray().First(b => b.GetProperty("symbol").GetString() == "USDA").GetProperty("amount").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
