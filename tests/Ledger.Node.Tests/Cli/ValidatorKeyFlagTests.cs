using Ledger.Core.Crypto;
using Ledger.Node.Cli;
using Ledger.Node.Tests.Support;

namespace Ledger.Node.Tests.Cli;

/// <summary>
/// Where `ledger run` takes its validator key from: a plain hex file (0600, with a warning), an encrypted keystore with
/// its password from a file or an environment variable, the config file's validatorKey section, and the errors for
/// every wrong combination. PKCS#11 runs are covered by the process tests (SoftHSM2 needs its own environment).
/// </summary>
public sealed class ValidatorKeyFlagTests : IDisposable
{
    private const string Password = "pass phrase 42";
    private readonly TempDirectory _temp = new();
    private readonly CliRunner _cli = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_plain_key_file_readable_by_others_is_refused_unless_explicitly_allowed()
    {
        var key = _temp.File("validator.key");
        await File.WriteAllTextAsync(key, Convert.ToHexStringLower(DevKeys.PrivateKey(10)));
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var refused = await _cli.RunAsync(Run("--key", key));
        var refusal = _cli.Error;
        var allowed = await _cli.RunAsync(Run("--key", key, "--allow-insecure-key-file"));

        Assert.Equal(LedgerCli.SetupErrorExitCode, refused);
        Assert.Contains($"refusing key file '{key}': mode 0644 lets its group and all users read or change it", refusal);
        Assert.Contains("chmod 600", refusal);
        Assert.Equal(0, allowed);
        Assert.Contains("warning: key file", _cli.Error);
        Assert.Equal(DevKeys.Address(10), _cli.Launch!.Signer.Address);
    }

    [Fact]
    public async Task A_private_plain_key_file_runs_with_a_warning_to_use_a_keystore_or_hsm()
    {
        var key = _temp.PrivateFile("validator.key", "0x" + Convert.ToHexStringLower(DevKeys.PrivateKey(10)) + "\n");

        var code = await _cli.RunAsync(Run("--validator-key-file", key));

        Assert.Equal(0, code);
        Assert.Contains("the validator key is a plain hex file", _cli.Error);
        Assert.Contains($"node {DevKeys.Address(10).ToChecksumString()} signs with plain key file", _cli.Error);
        Assert.Equal(DevKeys.Address(10), _cli.Launch!.Signer.Address);
    }

    [Fact]
    public async Task A_keystore_opens_with_its_password_from_a_file_or_an_environment_variable()
    {
        var keystore = await ImportDevKeyAsync(10);
        var passwordFile = _temp.PrivateFile("password", Password + "\n");
        var variable = "LEDGER_TEST_PW_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, Password);
        try
        {
            var fromFile = await _cli.RunAsync(Run("--keystore", keystore, "--key-password-file", passwordFile));
            var fileSigner = _cli.Launch!.Signer.Address;
            var fromEnv = await _cli.RunAsync(Run("--keystore", keystore, "--key-password-env", variable));

            Assert.Equal(0, fromFile);
            Assert.Equal(DevKeys.Address(10), fileSigner);
            Assert.Equal(0, fromEnv);
            Assert.Equal(DevKeys.Address(10), _cli.Launch!.Signer.Address);
            Assert.Contains($"signs with keystore '{keystore}'", _cli.Error);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task A_wrong_keystore_password_is_a_setup_error_that_never_echoes_the_password()
    {
        var keystore = await ImportDevKeyAsync(10);
        var wrong = _temp.PrivateFile("wrong", "not-the-password-7731\n");

        var code = await _cli.RunAsync(Run("--keystore", keystore, "--key-password-file", wrong));

        Assert.Equal(LedgerCli.SetupErrorExitCode, code);
        Assert.Equal($"ledger: wrong password for keystore '{keystore}'", _cli.Error.Trim());
        Assert.DoesNotContain("7731", _cli.Error + _cli.Output);
        Assert.Null(_cli.Launch);
    }

    [Fact]
    public async Task A_password_file_readable_by_others_is_refused()
    {
        var keystore = await ImportDevKeyAsync(10);
        var passwordFile = _temp.File("password");
        await File.WriteAllTextAsync(passwordFile, Password);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var code = await _cli.RunAsync(Run("--keystore", keystore, "--key-password-file", passwordFile));

        Assert.Equal(LedgerCli.SetupErrorExitCode, code);
        Assert.Contains($"refusing keystore password file '{passwordFile}': mode 0604 lets all users read", _cli.Error);
    }

    [Theory]
    [InlineData(new string[0], "no validator key: give --key FILE")]
    [InlineData(new[] { "--key", "K", "--keystore", "S", "--key-password-env", "X" }, "give one validator key source, not --key and --keystore")]
    [InlineData(new[] { "--keystore", "S" }, "--keystore needs exactly one of --key-password-file FILE or --key-password-env VARIABLE")]
    [InlineData(new[] { "--key", "K", "--key-password-env", "X" }, "--key-password-file and --key-password-env go with --keystore")]
    [InlineData(new[] { "--pkcs11-module", "M", "--pkcs11-key", "v" }, "a PKCS#11 key also needs --pkcs11-token, --pkcs11-pin-file")]
    public async Task A_missing_doubled_or_incomplete_key_source_is_named(string[] flags, string expected)
    {
        var code = await _cli.RunAsync(Run(flags));

        Assert.Equal(LedgerCli.SetupErrorExitCode, code);
        Assert.Contains(expected, _cli.Error);
        Assert.Null(_cli.Launch);
    }

    [Fact]
    public async Task The_config_files_validatorKey_section_names_a_keystore_relative_to_the_config_folder()
    {
        await ImportDevKeyAsync(10);
        _temp.PrivateFile("password", Password);
        var config = _temp.File("node.json");
        await File.WriteAllTextAsync(config, """{ "validatorKey": { "keyStore": "validator.json", "passwordFile": "password" } }""");

        var code = await _cli.RunAsync(Run("--config", config));

        Assert.Equal(0, code);
        Assert.Equal(DevKeys.Address(10), _cli.Launch!.Signer.Address);
        Assert.Equal(_temp.File("validator.json"), _cli.Launch.Options.ValidatorKey!.KeyStore);
    }

    [Fact]
    public async Task A_key_flag_replaces_the_config_files_key_source()
    {
        await ImportDevKeyAsync(10);
        var config = _temp.File("node.json");
        await File.WriteAllTextAsync(config, """{ "validatorKey": { "keyStore": "validator.json", "passwordEnv": "UNSET_VARIABLE" } }""");
        var key = _temp.PrivateFile("other.key", Convert.ToHexStringLower(DevKeys.PrivateKey(10)));

        var code = await _cli.RunAsync(Run("--config", config, "--key", key));

        Assert.Equal(0, code);
        Assert.Contains("signs with plain key file", _cli.Error);
    }

    private string[] Run(params string[] flags)
    {
        var genesis = _temp.File("genesis.json");
        File.WriteAllText(genesis, NodeFixture.Genesis.ToJson());
        return ["run", "--genesis", genesis, "--data", _temp.File("data"), "--rpc-port", "0", "--grpc-port", "0", .. flags];
    }

    /// <summary>`ledger key import` of dev key <paramref name="index"/> into validator.json (light scrypt, for speed).</summary>
    private async Task<string> ImportDevKeyAsync(int index)
    {
        var plain = _temp.PrivateFile($"dev{index}.key", Convert.ToHexStringLower(DevKeys.PrivateKey(index)));
        var passwordFile = _temp.PrivateFile("import-password", Password);
        var keystore = _temp.File("validator.json");
        var cli = new CliRunner();
        var code = await cli.RunAsync("key", "import", "--key", plain, "--keystore", keystore, "--key-password-file", passwordFile, "--light-kdf");
        Assert.True(code == 0, cli.Error);
        return keystore;
    }
}
