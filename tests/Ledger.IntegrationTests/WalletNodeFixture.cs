using Ledger.IntegrationTests.Infrastructure;

namespace Ledger.IntegrationTests;

/// <summary>One dev node and one wallet folder for the wallet tests; the folder is deleted afterwards.</summary>
public sealed class WalletNodeFixture : IDisposable
{
    private readonly Lazy<Task<WalletRun>> _import;

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

    public LedgerProcess Node { get; }

    public string Directory { get; }

    public string WalletDir => Path.Combine(Directory, "wallet");

    public string PasswordFile { get; }

    public string WrongPasswordFile { get; }

    /// <summary>HOST:PORT of the node's gRPC API, as --node takes it.</summary>
    public string NodeAddress => $"{Node.GrpcUrl.Host}:{Node.GrpcUrl.Port}";

    /// <summary>Runs the wallet against this node and wallet folder.</summary>
    public Task<WalletRun> Wallet(params string[] args) =>
        WalletRunner.RunAsync(["--node", NodeAddress, "--wallet-dir", WalletDir, .. args]);

    public void Dispose()
    {
        Node.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
