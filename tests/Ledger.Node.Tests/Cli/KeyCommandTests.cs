using System.Text.RegularExpressions;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Custody.KeyStore;
using Ledger.Node.Cli;
using Ledger.Node.Tests.Support;

namespace Ledger.Node.Tests.Cli;

/// <summary>`ledger key new|import|inspect`: keystores written 0600 and never overwritten, addresses printed, inspect without and with the password.</summary>
public sealed partial class KeyCommandTests : IDisposable
{
    private const string Password = "key command test";
    private readonly TempDirectory _temp = new();
    private readonly CliRunner _cli = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task New_writes_an_owner_only_keystore_that_decrypts_to_the_printed_address_and_never_overwrites_it()
    {
        var keystore = _temp.File("v.json");
        var passwordFile = _temp.PrivateFile("pw", Password + "\n");

        var code = await _cli.RunAsync("key", "new", "--keystore", keystore, "--key-password-file", passwordFile, "--light-kdf");
        var printed = Address.Parse(AddressLine().Match(_cli.Output).Groups[1].Value);
        var before = await File.ReadAllTextAsync(keystore);
        var again = await _cli.RunAsync("key", "new", "--keystore", keystore, "--key-password-file", passwordFile, "--light-kdf");

        Assert.Equal(0, code);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keystore));
        Assert.Equal(printed, Ecdsa.Default.AddressOf(KeyStoreV3.Decrypt(before, Password, "v.json")));
        Assert.Equal(LedgerCli.SetupErrorExitCode, again);
        Assert.Contains("already exists", _cli.Error);
        Assert.Equal(before, await File.ReadAllTextAsync(keystore));
    }

    [Fact]
    public async Task Import_encrypts_a_plain_key_file_under_the_password_from_the_environment()
    {
        var plain = _temp.PrivateFile("dev.key", "0x" + Convert.ToHexStringLower(DevKeys.PrivateKey(12)));
        var keystore = _temp.File("v.json");
        var variable = "LEDGER_TEST_PW_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, Password);
        try
        {
            var code = await _cli.RunAsync("key", "import", "--key", plain, "--keystore", keystore, "--key-password-env", variable, "--light-kdf");

            Assert.Equal(0, code);
            Assert.Contains($"address {DevKeys.Address(12).ToChecksumString()}", _cli.Output);
            Assert.Equal(DevKeys.PrivateKey(12), KeyStoreV3.Decrypt(await File.ReadAllTextAsync(keystore), Password, "v.json"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Inspect_shows_address_and_kdf_without_a_password_and_checks_one_when_given()
    {
        var keystore = _temp.File("v.json");
        File.WriteAllText(keystore, KeyStoreV3.Encrypt(DevKeys.PrivateKey(11), Password, light: true));
        var right = _temp.PrivateFile("right", Password);
        var wrong = _temp.PrivateFile("wrong", "nope-5150");

        var bare = await _cli.RunAsync("key", "inspect", "--keystore", keystore);
        var bareOutput = _cli.Output;
        var checkedOk = await _cli.RunAsync("key", "inspect", "--keystore", keystore, "--key-password-file", right);
        var checkedOutput = _cli.Output;
        var checkedWrong = await _cli.RunAsync("key", "inspect", "--keystore", keystore, "--key-password-file", wrong);

        Assert.Equal(0, bare);
        Assert.Contains($"address {DevKeys.Address(11).ToChecksumString()}", bareOutput);
        Assert.Contains("kdf scrypt", bareOutput);
        Assert.Contains("n=4096", bareOutput);
        Assert.DoesNotContain("password ok", bareOutput);
        Assert.Equal(0, checkedOk);
        Assert.Contains($"password ok: the keystore decrypts to {DevKeys.Address(11).ToChecksumString()}", checkedOutput);
        Assert.Equal(LedgerCli.SetupErrorExitCode, checkedWrong);
        Assert.Contains("wrong password", _cli.Error);
        Assert.DoesNotContain("5150", _cli.Error + _cli.Output);
    }

    [Fact]
    public async Task New_without_a_password_source_is_refused()
    {
        var code = await _cli.RunAsync("key", "new", "--keystore", _temp.File("v.json"));

        Assert.Equal(LedgerCli.SetupErrorExitCode, code);
        Assert.Contains("a keystore needs a password", _cli.Error);
        Assert.False(File.Exists(_temp.File("v.json")));
    }

    [GeneratedRegex(@"^address (0x[0-9a-fA-F]{40})$", RegexOptions.Multiline)]
    private static partial Regex AddressLine();
}
