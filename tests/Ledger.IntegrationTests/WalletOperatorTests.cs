using System.Globalization;
using System.Text.Json;
using Ledger.Core.Crypto;
using static Ledger.IntegrationTests.WalletAssert;

namespace Ledger.IntegrationTests;

/// <summary>
/// The wallet's second factor and bank-operator commands end to end: a real `ledger dev`, the built wallet, the
/// dev consortium's operator keys (dev account 1 runs Bank B).
/// </summary>
public sealed class WalletOperatorTests(WalletNodeFixture fixture) : IClassFixture<WalletNodeFixture>
{
    private const int Usage = 2;
    private const int Rejected = 3;

    [Fact]
    public async Task Held_transfer_waits_for_the_guardian_and_is_released_by_its_approval()
    {
        var sender = await fixture.DevAccountAt(6);
        var guardian = await fixture.DevAccountAt(7);
        var receiver = DevKeys.Address(8).ToChecksumString();
        var before = Balance(await Json(fixture.Wallet("balance", "--address", receiver, "--json")), "GBPC");

        var set = await Json(fixture.Wallet("guardian", "set", "--account", sender, "--token", "GBPC", "--guardian", DevKeys.Address(7).ToChecksumString(), "--threshold", "100", "--yes", "--json", "--password-file", fixture.PasswordFile));
        var shown = await Json(fixture.Wallet("guardian", "show", "--account", sender, "--token", "GBPC", "--json"));
        var small = await Json(fixture.Wallet("send", "--account", sender, "--to", receiver, "--amount", "5", "--token", "GBPC", "--yes", "--json", "--password-file", fixture.PasswordFile));
        var held = await Json(fixture.Wallet("send", "--account", sender, "--to", receiver, "--amount", "150", "--token", "GBPC", "--yes", "--json", "--password-file", fixture.PasswordFile));
        var id = held.GetProperty("heldId").GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pending = await Json(fixture.Wallet("pending", "--account", sender, "--json"));
        var history = await Json(fixture.Wallet("history", "--account", sender, "--token", "GBPC", "--json"));
        var waiting = Balance(await Json(fixture.Wallet("balance", "--address", receiver, "--json")), "GBPC");
        await Fails(fixture.Wallet("approve", id, "--token", "GBPC", "--account", sender, "--yes", "--password-file", fixture.PasswordFile), Rejected, "only the guardian");
        var approved = await Json(fixture.Wallet("approve", id, "--token", "GBPC", "--account", guardian, "--yes", "--json", "--password-file", fixture.PasswordFile));
        var after = Balance(await Json(fixture.Wallet("balance", "--address", receiver, "--json")), "GBPC");
        var done = await Json(fixture.Wallet("pending", "--address", DevKeys.Address(6).ToChecksumString(), "--all", "--json"));

        Assert.Equal(DevKeys.Address(7).ToChecksumString(), set.GetProperty("guardian").GetString());
        Assert.Equal("100.00", shown.GetProperty("threshold").GetString());
        Assert.Equal("success", small.GetProperty("status").GetString());
        Assert.Equal("held", held.GetProperty("status").GetString());
        var entry = Assert.Single(pending.GetProperty("held").EnumerateArray());
        Assert.Equal(("pending", "150.00", receiver), (entry.GetProperty("status").GetString(), entry.GetProperty("amount").GetString(), entry.GetProperty("to").GetString()));
        Assert.Contains(history.GetProperty("entries").EnumerateArray(), e => e.GetProperty("note").GetString()?.StartsWith("held for guardian approval", StringComparison.Ordinal) == true);
        Assert.Equal(before + 5m, waiting);
        Assert.Equal("success", approved.GetProperty("status").GetString());
        Assert.Equal(before + 155m, after);
        Assert.Equal("released", Assert.Single(done.GetProperty("held").EnumerateArray()).GetProperty("status").GetString());
        await Fails(fixture.Wallet("approve", id, "--token", "GBPC", "--account", guardian, "--yes", "--password-file", fixture.PasswordFile), Usage, "was already released");
    }

    [Fact]
    public async Task Sender_cancels_a_held_transfer_and_a_guardian_change_needs_the_current_guardian()
    {
        var sender = await fixture.DevAccountAt(2);
        var guardian = await fixture.DevAccountAt(3);
        string[] sign = ["--yes", "--password-file", fixture.PasswordFile];
        await Json(fixture.Wallet(["guardian", "set", "--account", sender, "--token", "SGDD", "--guardian", guardian, "--threshold", "10", "--json", .. sign]));
        var before = Balance(await Json(fixture.Wallet("balance", "--account", sender, "--json")), "SGDD");

        var held = await Json(fixture.Wallet(["send", "--account", sender, "--to", DevKeys.Address(7).ToChecksumString(), "--amount", "40", "--token", "SGDD", "--json", .. sign]));
        var id = held.GetProperty("heldId").ToString();
        await Json(fixture.Wallet(["cancel", id, "--token", "SGDD", "--account", sender, "--json", .. sign]));
        var after = Balance(await Json(fixture.Wallet("balance", "--account", sender, "--json")), "SGDD");
        var requested = await Json(fixture.Wallet(["guardian", "set", "--account", sender, "--token", "SGDD", "--guardian", "0x0000000000000000000000000000000000000000", "--threshold", "0", "--json", .. sign]));
        var stillGuarded = await Json(fixture.Wallet("guardian", "show", "--account", sender, "--token", "SGDD", "--json"));
        await Json(fixture.Wallet(["guardian", "approve-change", "--for", sender, "--token", "SGDD", "--account", guardian, "--json", .. sign]));
        var removed = await Json(fixture.Wallet("guardian", "show", "--account", sender, "--token", "SGDD", "--json"));

        Assert.Equal("held", held.GetProperty("status").GetString());
        Assert.Equal(before, after);
        Assert.StartsWith("Requested: Remove the guardian on SGDD", requested.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Equal(DevKeys.Address(3).ToChecksumString(), stillGuarded.GetProperty("guardian").GetString());
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("guardian").ValueKind);
    }

    [Fact]
    public async Task Bank_operator_registers_mints_freezes_limits_and_recovers_a_customer()
    {
        var bankB = await fixture.DevAccountAt(1);
        var shop = await fixture.DevAccountAt(5);
        var customer = await NewAccount("erika");
        var address = customer.GetProperty("address").GetString()!;
        string[] sign = ["--yes", "--password-file", fixture.PasswordFile];

        await Fails(fixture.Wallet(["send", "--account", shop, "--to", address, "--amount", "1", "--token", "EURB", .. sign]), Rejected, "is not a registered (KYC-verified) account");
        await Json(fixture.Wallet(["bank", "register", "--account", bankB, "--customer", "erika", "--jurisdiction", "DE", "--kyc", "2", "--expires", "2030-12-31", "--json", .. sign]));
        var minted = await Json(fixture.Wallet(["bank", "mint", "--account", bankB, "--token", "EURB", "--to", "erika", "--amount", "500", "--reference", "DEP-2026-0001", "--json", .. sign]));
        await Fails(fixture.Wallet(["bank", "mint", "--account", bankB, "--token", "EURB", "--to", "erika", "--amount", "1", "--reference", "DEP-2026-0001", .. sign]), Rejected, "nothing was sent");
        await Json(fixture.Wallet(["bank", "freeze", "--account", bankB, "--customer", "erika", "--reason", "compliance", "--json", .. sign]));
        var frozen = await Json(fixture.Wallet("bank", "identity", "--customer", address, "--json"));
        await Fails(fixture.Wallet(["send", "--account", shop, "--to", address, "--amount", "1", "--token", "EURB", .. sign]), Rejected, $"the beneficiary's account {address} is frozen by Bank B (compliance)");
        await Json(fixture.Wallet(["bank", "unfreeze", "--account", bankB, "--customer", "erika", "--json", .. sign]));
        await Json(fixture.Wallet(["bank", "limits", "--account", bankB, "--token", "EURB", "--customer", "erika", "--per-transaction", "10", "--json", .. sign]));
        await Fails(fixture.Wallet(["send", "--account", "erika", "--to", DevKeys.Address(5).ToChecksumString(), "--amount", "20", "--token", "EURB", .. sign]), Rejected, "per-transaction limit");
        await Json(fixture.Wallet(["bank", "limits", "--account", bankB, "--token", "EURB", "--customer", "erika", "--clear", "--json", .. sign]));
        await Json(fixture.Wallet(["send", "--account", "erika", "--to", DevKeys.Address(5).ToChecksumString(), "--amount", "20", "--token", "EURB", "--json", .. sign]));
        // Four-eyes: the operator requests, bank B's compliance officer (dev 16) approves; the maker cannot approve its own.
        var officerB = await fixture.DevAccountAt(16);
        var forced = await Json(fixture.Wallet(["bank", "forced-transfer", "--account", bankB, "--token", "EURB", "--from", "erika", "--to", shop, "--amount", "30", "--reference", "COURT-2026-17", "--json", .. sign]));
        var forcedId = forced.GetProperty("request").GetUInt64().ToString(CultureInfo.InvariantCulture);
        var beforeApproval = Balance(await Json(fixture.Wallet("balance", "--account", "erika", "--json")), "EURB");
        await Fails(fixture.Wallet(["bank", "request", "approve", forcedId, "--account", bankB, .. sign]), Rejected, $"needs a second officer of Bank B (bank-b): ask another one (the operator or a compliance officer) to call approveRequest({forcedId})");
        var pending = await Json(fixture.Wallet("bank", "request", "list", "--bank", "bank-b", "--json"));
        await Json(fixture.Wallet(["bank", "request", "approve", forcedId, "--account", officerB, "--json", .. sign]));
        var burn = await Json(fixture.Wallet(["bank", "burn", "--account", bankB, "--token", "EURB", "--from", "erika", "--amount", "50", "--reference", "WD-2026-0001", "--json", .. sign]));
        await Json(fixture.Wallet(["bank", "request", "approve", burn.GetProperty("request").GetUInt64().ToString(CultureInfo.InvariantCulture), "--account", officerB, "--json", .. sign]));
        var balance = Balance(await Json(fixture.Wallet("balance", "--account", "erika", "--json")), "EURB");

        // A recovery waits out its delay (48 h by default) after approval; the customer's own key vetoes it meanwhile.
        var fresh = await NewAccount("erika-new");
        var recovery = await Json(fixture.Wallet(["bank", "recover", "--account", bankB, "--lost", address, "--new", "erika-new", "--json", .. sign]));
        var recoveryId = recovery.GetProperty("request").GetUInt64().ToString(CultureInfo.InvariantCulture);
        await Json(fixture.Wallet(["bank", "request", "approve", recoveryId, "--account", officerB, "--json", .. sign]));
        await Fails(fixture.Wallet(["bank", "request", "execute", recoveryId, "--account", bankB, .. sign]), Rejected, "so the customer or its guardian can veto it");
        var waiting = await Json(fixture.Wallet("bank", "request", "list", "--bank", "bank-b", "--json"));
        await Json(fixture.Wallet(["guardian", "veto", recoveryId, "--account", "erika", "--json", .. sign]));
        var afterVeto = await Json(fixture.Wallet("bank", "request", "list", "--bank", "bank-b", "--json"));
        var kept = Balance(await Json(fixture.Wallet("balance", "--account", "erika", "--json")), "EURB");
        await Json(fixture.Wallet(["bank", "update", "--account", bankB, "--customer", "erika", "--jurisdiction", "DE", "--kyc", "3", "--expires", "2031-06-30", "--json", .. sign]));
        var updated = await Json(fixture.Wallet("bank", "identity", "--customer", "erika", "--json"));
        await Json(fixture.Wallet(["bank", "revoke", "--account", bankB, "--customer", "erika", "--json", .. sign]));
        var revoked = await Json(fixture.Wallet("bank", "identity", "--customer", "erika", "--json"));

        Assert.Equal("500.00", minted.GetProperty("amount").GetString());
        Assert.True(frozen.GetProperty("frozen").GetBoolean());
        Assert.Equal("compliance", frozen.GetProperty("freezeReason").GetString());
        Assert.Equal("bank-b", frozen.GetProperty("bank").GetString());
        Assert.Equal(480m, beforeApproval);
        Assert.Contains(pending.GetProperty("requests").EnumerateArray(), r => r.GetProperty("id").GetUInt64().ToString(CultureInfo.InvariantCulture) == forcedId && r.GetProperty("kind").GetString() == "forced-transfer");
        Assert.Equal(400m, balance);
        var approved = Assert.Single(waiting.GetProperty("requests").EnumerateArray(), r => r.GetProperty("id").GetUInt64().ToString(CultureInfo.InvariantCulture) == recoveryId);
        Assert.StartsWith("approved", approved.GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.Equal(fresh.GetProperty("address").GetString(), approved.GetProperty("to").GetString());
        Assert.DoesNotContain(afterVeto.GetProperty("requests").EnumerateArray(), r => r.GetProperty("id").GetUInt64().ToString(CultureInfo.InvariantCulture) == recoveryId);
        Assert.Equal(400m, kept);
        Assert.Equal(address, updated.GetProperty("customer").GetString());
        Assert.Equal(3, updated.GetProperty("kycLevel").GetInt32());
        Assert.True(revoked.GetProperty("revoked").GetBoolean());
        Assert.False(revoked.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task Bank_command_of_a_key_without_the_role_is_refused_before_anything_is_sent()
    {
        var customer = await fixture.DevAccountAt(4);
        var nonce = await Json(fixture.Wallet("balance", "--account", customer, "--json"));

        var run = await Fails(
            fixture.Wallet("bank", "mint", "--account", customer, "--token", "USDA", "--to", customer, "--amount", "1000", "--reference", "DEP-X", "--yes", "--password-file", fixture.PasswordFile),
            Rejected,
            "nothing was sent");

        Assert.Equal(Balance(nonce, "USDA"), Balance(await Json(fixture.Wallet("balance", "--account", customer, "--json")), "USDA"));
        Assert.DoesNotContain("transaction 0x", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--jurisdiction", "usa", "not an ISO 3166 country code")]
    [InlineData("--kyc", "7", "not a KYC level")]
    [InlineData("--expires", "31.12.2030", "not a date")]
    public async Task Malformed_operator_input_is_a_usage_error_in_plain_words(string option, string value, string message)
    {
        var bankB = await fixture.DevAccountAt(1);
        var arguments = new Dictionary<string, string> { ["--jurisdiction"] = "DE", ["--kyc"] = "2", ["--expires"] = "2030-12-31" };
        arguments[option] = value;

        await Fails(
            fixture.Wallet(["bank", "register", "--account", bankB, "--customer", DevKeys.Address(9).ToChecksumString(), .. arguments.SelectMany(a => new[] { a.Key, a.Value }), "--yes", "--password-file", fixture.PasswordFile]),
            Usage,
            message);
    }

    [Fact]
    public async Task Identity_reads_the_same_over_json_rpc()
    {
        var address = DevKeys.Address(5).ToChecksumString();

        var viaGrpc = await Json(fixture.Wallet("bank", "identity", "--customer", address, "--json"));
        var viaRpc = await Json(WalletRunner.RunAsync("--rpc", fixture.Node.RpcUrl.ToString(), "--wallet-dir", fixture.WalletDir, "bank", "identity", "--customer", address, "--json"));

        Assert.Equal(viaGrpc.ToString(), viaRpc.ToString());
        Assert.Equal("bank-b", viaRpc.GetProperty("bank").GetString());
    }

    private async Task<JsonElement> NewAccount(string name) =>
        await Json(fixture.Wallet("account", "new", "--name", name, "--light-kdf", "--password-file", fixture.PasswordFile, "--json"));
}
