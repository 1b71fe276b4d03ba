using System.CommandLine;
using System.Text.Json;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;
using Ledger.Wallet.Client;

namespace Ledger.Wallet.Tests;

/// <summary>Argument errors and local commands, run in-process with no node (connecting would fail the test).</summary>
public sealed class CliArgumentTests : IDisposable
{
    private static readonly string DevKey0 = Hex.Encode(DevKeys.PrivateKey(0));
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ledger-wallet-test-");

    private string WalletDir => Path.Combine(_directory.FullName, "wallet");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Unknown_option_is_a_usage_error()
    {
        var run = await Run("balance", "--acount", "alice");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Unrecognized command or argument '--acount'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_with_two_key_sources_is_a_usage_error()
    {
        var run = await Run("account", "import", "--name", "a", "--private-key", DevKey0, "--mnemonic", DevKeys.Mnemonic, "--password-file", PasswordFile());

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("exactly one of --private-key, --private-key-file, --mnemonic or --keystore", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_private_key_is_refused_without_echoing_it()
    {
        var run = await Run("account", "import", "--name", "a", "--private-key", "0xdeadbeefcafe", "--password-file", PasswordFile());

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("must be 64 hex digits", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("deadbeefcafe", run.Error + run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Imported_key_is_listed_exported_encrypted_and_never_printed()
    {
        var import = await Run("account", "import", "--name", "alice", "--private-key", DevKey0, "--password-file", PasswordFile(), "--light-kdf", "--json");
        var duplicate = await Run("account", "import", "--name", "alice2", "--private-key", DevKey0, "--password-file", PasswordFile(), "--light-kdf");
        var list = await Run("account", "list", "--json");
        var export = await Run("account", "export", "--name", "alice");

        Assert.Equal(ExitCodes.Success, import.ExitCode);
        Assert.Equal(DevKeys.Address(0).ToChecksumString(), JsonDocument.Parse(import.Output).RootElement.GetProperty("address").GetString());
        Assert.Equal(ExitCodes.Usage, duplicate.ExitCode);
        Assert.Contains("already in the wallet as 'alice'", duplicate.Error, StringComparison.Ordinal);
        var accounts = JsonDocument.Parse(list.Output).RootElement.GetProperty("accounts");
        Assert.Equal("alice", Assert.Single(accounts.EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(3, JsonDocument.Parse(export.Output).RootElement.GetProperty("version").GetInt32());
        foreach (var output in new[] { import, duplicate, list, export })
        {
            Assert.DoesNotContain(DevKey0[2..], output.Output + output.Error, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("wallet-test-password", output.Output + output.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Dev_mnemonic_imports_the_dev_account_at_the_index()
    {
        var run = await Run("account", "import", "--name", "dev3", "--mnemonic", DevKeys.Mnemonic, "--index", "3", "--password-file", PasswordFile(), "--light-kdf", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(DevKeys.Address(3).ToChecksumString(), JsonDocument.Parse(run.Output).RootElement.GetProperty("address").GetString());
    }

    [Fact]
    public async Task Mnemonic_with_a_wrong_word_is_a_usage_error()
    {
        var run = await Run("account", "import", "--name", "x", "--mnemonic", "test test test test test test test test test test test test", "--password-file", PasswordFile());

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("not a valid BIP-39", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_account_is_a_usage_error_listing_the_known_ones()
    {
        await Run("account", "import", "--name", "alice", "--private-key", DevKey0, "--password-file", PasswordFile(), "--light-kdf");

        var run = await Run("balance", "--account", "bob");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("no account 'bob'", run.Error, StringComparison.Ordinal);
        Assert.Contains("(accounts: alice)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_without_a_recipient_is_a_usage_error()
    {
        var run = await Run("send", "--account", "alice", "--amount", "1", "--token", "USDA", "--yes");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("the recipient is missing: give --to", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_to_an_address_with_a_wrong_checksum_is_refused_before_contacting_the_node()
    {
        await Run("account", "import", "--name", "alice", "--private-key", DevKey0, "--password-file", PasswordFile(), "--light-kdf");

        // The checksummed address of dev account 1 with one letter's case flipped.
        var run = await Run("send", "--account", "alice", "--to", "0x70997970c51812dc3A010C7d01b50e0d17dc79C8", "--amount", "1", "--token", "USDA", "--yes");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("wrong EIP-55 checksum", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_that_is_not_host_and_port_is_a_usage_error()
    {
        await Run("account", "import", "--name", "alice", "--private-key", DevKey0, "--password-file", PasswordFile(), "--light-kdf");

        var run = await Run(useDefaultConnect: true, "--node", "localhost", "balance", "--account", "alice");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--node 'localhost' is not HOST:PORT", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_and_rpc_together_are_a_usage_error()
    {
        await Run("account", "import", "--name", "alice", "--private-key", DevKey0, "--password-file", PasswordFile(), "--light-kdf");

        var run = await Run(useDefaultConnect: true, "--node", "127.0.0.1:50051", "--rpc", "http://127.0.0.1:8545", "balance", "--account", "alice");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("either --node (gRPC) or --rpc (JSON-RPC), not both", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_errors_are_also_written_as_json_for_scripts()
    {
        var run = await Run("balance", "--account", "nobody", "--json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        var error = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(ExitCodes.Usage, error.GetProperty("exitCode").GetInt32());
        Assert.StartsWith("no account 'nobody'", error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contacts_are_added_listed_resolved_and_removed()
    {
        var add = await Run("contacts", "add", "--name", "bob", "--address", DevKeys.Address(2).ToChecksumString());
        var again = await Run("contacts", "add", "--name", "bob", "--address", DevKeys.Address(3).ToChecksumString());
        var list = await Run("contacts", "list", "--json");

        Assert.Equal(ExitCodes.Success, add.ExitCode);
        Assert.Equal(ExitCodes.Usage, again.ExitCode);
        Assert.Contains("a contact named 'bob' already exists", again.Error, StringComparison.Ordinal);
        var contact = Assert.Single(JsonDocument.Parse(list.Output).RootElement.GetProperty("contacts").EnumerateArray());
        Assert.Equal(DevKeys.Address(2).ToChecksumString(), contact.GetProperty("address").GetString());
        Assert.Equal(DevKeys.Address(2), new Contacts.ContactBook(WalletDir).Resolve("BOB"));

        Assert.Equal(ExitCodes.Success, (await Run("contacts", "remove", "--name", "bob")).ExitCode);
        var unknown = Assert.Throws<WalletException>(() => new Contacts.ContactBook(WalletDir).Resolve("bob"));
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("neither a 0x address nor a contact", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_date_that_is_not_a_date_is_a_usage_error()
    {
        await Run("account", "import", "--name", "alice", "--private-key", DevKey0, "--password-file", PasswordFile(), "--light-kdf");

        var run = await Run("history", "--account", "alice", "--since", "last tuesday");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--since 'last tuesday' is not a date (yyyy-MM-dd, UTC)", run.Error, StringComparison.Ordinal);
    }

    private string PasswordFile()
    {
        var path = Path.Combine(_directory.FullName, "password.txt");
        File.WriteAllText(path, "wallet-test-password\nsecond line is ignored\n");
        return path;
    }

    private Task<CliRun> Run(params string[] args) => Run(useDefaultConnect: false, args);

    private async Task<CliRun> Run(bool useDefaultConnect, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Func<WalletSession, ILedgerClient>? connect = useDefaultConnect ? null : _ => throw new InvalidOperationException("this test must not contact a node");
        var code = await WalletCli.InvokeAsync(["--wallet-dir", WalletDir, .. args], new InvocationConfiguration { Output = output, Error = error }, connect);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private sealed record CliRun(int ExitCode, string Output, string Error);
}
