using System.Text.RegularExpressions;
using Ledger.Wallet.Cli;

namespace Ledger.Wallet.Keys;

/// <summary>
/// The wallet folder: one keystore v3 file per account in <c>keystore/NAME.json</c>. Plain keystore files, so
/// geth or MetaMask can import them as they are. Files are written owner-only and never overwritten.
/// </summary>
public sealed partial class WalletStore
{
    public WalletStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    public string KeyStoreDirectory => Path.Combine(Directory, "keystore");

    public static string DefaultDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ledger-wallet");

    public IReadOnlyList<StoredAccount> List()
    {
        if (!System.IO.Directory.Exists(KeyStoreDirectory))
        {
            return [];
        }

        var accounts = new List<StoredAccount>();
        foreach (var path in System.IO.Directory.EnumerateFiles(KeyStoreDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            if (KeyStoreFile.TryReadAddress(File.ReadAllText(path), out var address))
            {
                accounts.Add(new StoredAccount(Path.GetFileNameWithoutExtension(path), address, path));
            }
        }

        return accounts;
    }

    /// <summary>The account called <paramref name="name"/>; a usage error naming the known accounts otherwise.</summary>
    public StoredAccount Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var path = Path.Combine(KeyStoreDirectory, name + ".json");
        if (!IsValidName(name) || !File.Exists(path))
        {
            var known = List();
            throw WalletException.Usage(known.Count == 0
                ? $"no account '{name}' in {Directory} (the wallet is empty: create one with `account new` or `account import`)"
                : $"no account '{name}' in {Directory} (accounts: {string.Join(", ", known.Select(a => a.Name))})");
        }

        return KeyStoreFile.TryReadAddress(File.ReadAllText(path), out var address)
            ? new StoredAccount(name, address, path)
            : throw WalletException.Key($"the keystore of account '{name}' ({path}) has no readable address; is it a keystore v3 file?");
    }

    public string ReadKeyStore(StoredAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return File.ReadAllText(account.KeyStorePath);
    }

    /// <summary>Adds a keystore under a new name; refuses a taken name or an address already in the wallet.</summary>
    public StoredAccount Add(string name, string keyStoreJson)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(keyStoreJson);
        if (!IsValidName(name))
        {
            throw WalletException.Usage($"'{name}' is not a usable account name (1-64 letters, digits, '-', '_' or '.', starting with a letter or digit)");
        }

        if (!KeyStoreFile.TryReadAddress(keyStoreJson, out var address))
        {
            throw WalletException.Key("the keystore has no address field");
        }

        var existing = List();
        if (existing.FirstOrDefault(a => a.Address == address) is { } same)
        {
            throw WalletException.Usage($"address {address.ToChecksumString()} is already in the wallet as '{same.Name}'");
        }

        System.IO.Directory.CreateDirectory(KeyStoreDirectory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(KeyStoreDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var path = Path.Combine(KeyStoreDirectory, name + ".json");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream);
            writer.Write(keyStoreJson);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw WalletException.Usage($"an account named '{name}' already exists in {Directory}");
        }

        return new StoredAccount(name, address, path);
    }

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
