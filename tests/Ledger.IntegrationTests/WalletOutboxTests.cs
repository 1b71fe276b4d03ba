using System.Text.Json;
using Ledger.Core.Crypto;
using Ledger.IntegrationTests.Infrastructure;
using static Ledger.IntegrationTests.WalletAssert;

namespace Ledger.IntegrationTests;

/// <summary>
/// "Acknowledged" across restarts, on a real `ledger dev` process: a graceful restart keeps the pool; a crash loses it,
/// the node then says "unknown", and the wallet, which kept what it signed, sends the same bytes again.
/// </summary>
public sealed class WalletOutboxTests : IDisposable
{
    // No block for ten minutes: an acknowledged transfer stays pending while the test restarts the node around it.
    private const int NoBlocksMs = 600_000;

    private readonly LedgerProcess _node = LedgerProcess.StartDev(blockIntervalMs: NoBlocksMs);
    private readonly string _directory = Directory.CreateTempSubdirectory("ledger-wallet-outbox-").FullName;

    public void Dispose()
    {
        _node.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_pending_transfer_survives_a_graceful_restart_and_is_resent_by_the_wallet_after_a_crash()
    {
        var password = Path.Combine(_directory, "password.txt");
        await File.WriteAllTextAsync(password, "outbox test password\n");
        var imported = await Wallet("account", "import", "--name", "payer", "--mnemonic", DevKeys.Mnemonic, "--index", "4", "--light-kdf", "--password-file", password);
        Assert.True(imported.ExitCode == 0, imported.ToString());
        var sent = await Json(Wallet("send", "--account", "payer", "--to", DevKeys.Address(5).ToChecksumString(), "--amount", "1.25", "--token", "USDA", "--yes", "--no-wait", "--json", "--password-file", password));
        var hash = sent.GetProperty("hash").GetString()!;
        Assert.Equal("pending", await Status(hash));
        Assert.Contains(hash, (await Json(Wallet("tx", "pending", "--json"))).GetRawText(), StringComparison.Ordinal);

        Assert.Equal(0, _node.Stop()); // graceful: the pool is saved and reloaded
        _node.Restart();
        Assert.Equal("pending", await Status(hash));

        _node.Kill(); // a crash: the pool is gone
        _node.BlockIntervalMs = null;
        _node.Restart();
        var lost = await Wallet("tx", "status", hash, "--json");
        Assert.Equal(1, lost.ExitCode);
        var lostJson = JsonDocument.Parse(lost.Output).RootElement;
        Assert.Equal("unknown", lostJson.GetProperty("status").GetString());
        Assert.True(lostJson.GetProperty("canResend").GetBoolean());

        await Json(Wallet("tx", "resend", hash, "--json"));
        var final = await Json(Wallet("tx", "status", hash, "--wait", "--json"));

        Assert.Equal("success", final.GetProperty("status").GetString());
        Assert.Equal(0, (await Json(Wallet("tx", "pending", "--json"))).GetProperty("transactions").GetArrayLength());
        await Fails(Wallet("tx", "resend", hash), 2, "is not in this wallet's outbox");
    }

    private async Task<string?> Status(string hash) =>
        (await Json(Wallet("tx", "status", hash, "--json"))).GetProperty("status").GetString();

    private Task<WalletRun> Wallet(params string[] args) =>
        WalletRunner.RunAsync(["--node", $"{_node.GrpcUrl.Host}:{_node.GrpcUrl.Port}", "--wallet-dir", Path.Combine(_directory, "wallet"), .. args]);
}
