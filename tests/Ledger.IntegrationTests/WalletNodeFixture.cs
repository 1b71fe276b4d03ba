extern alias wallet;

using System.Collections.Concurrent;
using System.Globalization;
using Ledger.IntegrationTests.Infrastructure;

namespace Ledger.IntegrationTests;

/// <summary>One dev node and one wallet folder for the wallet tests; the folder is deleted afterwards.</summary>
public sealed class WalletNodeFixture : IDisposable
{
    private readonly Lazy<Task<WalletRun>> _import;
    private readonly ConcurrentDictionary<string, Lazy<Task<WalletRun>>> _imports = new(StringComparer.Ordinal);

    public WalletNodeFixture()
    {
        Node = LedgerProcess.StartDev();
        Directory = System.IO.Directory.CreateTempSubdirectory("ledger-wallet-it-").FullName;
        PasswordFile = Path.Combine(Directory, "password.txt");
        File.WriteAllText(PasswordFile, "correct horse battery staple\n");
        WrongPasswordFile = Path.Combine(Directory, "wrong.txt");
        File.WriteAllText(WrongPasswordFile, "not the password\n");
        // The scripted interface exactly as issue 6 fixes it (default scrypt, as geth writes it).
        _import = new(() => Wallet("account", "import", "--name", "dev0", "--private-key", Core.Primitives.Hex.Encode(Core.Crypto.DevKeys.PrivateKey(0)), "--password-file", PasswordFile));
    }

    /// <summary>Imports dev account 0 as "dev0" once; every test that needs it awaits this.</summary>
    public Task<WalletRun> DevAccount => _import.Value;

    /// <summary>
    /// Imports dev account <paramref name="index"/> (from the dev mnemonic, light KDF for speed) as "dev{index}" once,
    /// and returns the name; a failed import fails the test that needed it.
    /// </summary>
    public async Task<string> DevAccountAt(int index)
    {
        var name = "dev" + index.ToString(CultureInfo.InvariantCulture);
        var run = await _imports.GetOrAdd(name, _ => new(() => Wallet("account", "import", "--name", name, "--mnemonic", Core.Crypto.DevKeys.Mnemonic, "--index", index.ToString(CultureInfo.InvariantCulture), "--light-kdf", "--password-file", PasswordFile))).Value;
        Assert.True(run.ExitCode == 0, run.ToString());
        return name;
    }

    public LedgerProcess Node { get; }

    public string Directory { get; }

    public string WalletDir => Path.Combine(Directory, "wallet");

    public string PasswordFile { get; }

    public string WrongPasswordFile { get; }

    /// <summary>HOST:PORT of the node's gRPC API, as --node takes it.</summary>
    public string NodeAddress => $"{Node.GrpcUrl.Host}:{Node.GrpcUrl.Port}";

    /// <summary>
    /// Runs the wallet in this process with a person at its prompts (<paramref name="terminal"/>): confirmations and
    /// password prompts are answered from its script. Not with --json (a script, never prompted).
    /// </summary>
    public async Task<WalletRun> WalletAtTerminal(ScriptedTerminal terminal, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await wallet::Ledger.Wallet.Cli.WalletCli.InvokeAsync(
            ["--node", NodeAddress, "--wallet-dir", WalletDir, .. args],
            new System.CommandLine.InvocationConfiguration { Output = output, Error = error },
            terminal: terminal);
        return new WalletRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs the wallet against this node and wallet folder.</summary>
    public Task<WalletRun> Wallet(params string[] args) =>
        WalletRunner.RunAsync(["--node", NodeAddress, "--wallet-dir", WalletDir, .. args]);

    public void Dispose()
    {
        Node.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
