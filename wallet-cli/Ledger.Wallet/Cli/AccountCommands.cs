using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Ledger.Wallet.Keys;

namespace Ledger.Wallet.Cli;

/// <summary><c>account new | import | list | export</c>: keystore v3 files in the wallet folder.</summary>
internal static class AccountCommands
{
    public static Command Create(CommandContext context)
    {
        var account = new Command("account", "Create, import, list and export accounts (keystore v3 files, compatible with geth and MetaMask).");
        account.Subcommands.Add(CreateNew(context));
        account.Subcommands.Add(CreateImport(context));
        account.Subcommands.Add(CreateList(context));
        account.Subcommands.Add(CreateExport(context));
        return account;
    }

    private static Option<string> NameOption() => new("--name") { Description = "The account's name in this wallet.", Required = true };

    private static Option<FileInfo> PasswordFileOption() => new("--password-file")
    {
        Description = $"Read the password from the first line of FILE (else ${PasswordSource.EnvironmentVariable}, else a prompt).",
    };

    private static Option<bool> LightKdfOption() => new("--light-kdf")
    {
        Description = "Weaker, faster scrypt (N=4096, like geth --lightkdf): for tests and throwaway keys only.",
    };

    private static Command CreateNew(CommandContext context)
    {
        var name = NameOption();
        var passwordFile = PasswordFileOption();
        var light = LightKdfOption();
        var command = new Command("new", "Create a new random key and store it encrypted.\n\nExample:\n  ledger-wallet account new --name savings --password-file pw.txt")
        {
            name, passwordFile, light,
        };
        command.SetAction((parse, _) => WalletCli.Run(context, parse, session =>
        {
            var accountName = parse.GetRequiredValue(name);
            RequireFreeName(session, accountName);
            var password = session.Passwords(parse.GetValue(passwordFile)).Read($"new account '{accountName}'", confirm: true);
            var key = NewKey();
            try
            {
                var stored = session.Store.Add(accountName, KeyStoreFile.Encrypt(key, password, parse.GetValue(light)));
                return Task.FromResult(Report(session, "created", stored));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }));
        return command;
    }

    private static Command CreateImport(CommandContext context)
    {
        var name = NameOption();
        var privateKey = new Option<string>("--private-key") { Description = "The private key as 64 hex digits (visible to other users in the process list; prefer --private-key-file)." };
        var privateKeyFile = new Option<FileInfo>("--private-key-file") { Description = "A file holding the private key as hex." };
        var mnemonic = new Option<string>("--mnemonic") { Description = "A BIP-39 mnemonic; the key is m/44'/60'/0'/0/INDEX as in MetaMask." };
        var index = new Option<int>("--index") { Description = "Account index for --mnemonic (default 0).", DefaultValueFactory = _ => 0 };
        var keystore = new Option<FileInfo>("--keystore") { Description = "A keystore v3 JSON file (geth, MetaMask); the password is that file's." };
        var passwordFile = PasswordFileOption();
        var light = LightKdfOption();
        var command = new Command(
            "import",
            "Import a key from hex, a mnemonic or a keystore file, stored encrypted with the password.\n\nExamples:\n"
            + "  ledger-wallet account import --name alice --private-key 0xac09… --password-file pw.txt\n"
            + "  ledger-wallet account import --name dev3 --mnemonic \"test test … junk\" --index 3 --password-file pw.txt\n"
            + "  ledger-wallet account import --name old --keystore UTC--2026-…json --password-file pw.txt")
        {
            name, privateKey, privateKeyFile, mnemonic, index, keystore, passwordFile, light,
        };
        command.SetAction((parse, _) => WalletCli.Run(context, parse, session =>
        {
            var accountName = parse.GetRequiredValue(name);
            RequireFreeName(session, accountName);
            var sources = new object?[] { parse.GetValue(privateKey), parse.GetValue(privateKeyFile), parse.GetValue(mnemonic), parse.GetValue(keystore) }.Count(s => s is not null);
            if (sources != 1)
            {
                throw WalletException.Usage("give exactly one of --private-key, --private-key-file, --mnemonic or --keystore");
            }

            var passwords = session.Passwords(parse.GetValue(passwordFile));
            if (parse.GetValue(keystore) is { } file)
            {
                if (!file.Exists)
                {
                    throw WalletException.Usage($"the keystore file {file.FullName} does not exist");
                }

                var json = File.ReadAllText(file.FullName);
                KeyStoreFile.RequireKeyStore(json, file.Name);
                // Unlock once so a wrong password or a damaged file is caught now, not at the first payment.
                var unlocked = KeyStoreFile.Decrypt(json, passwords.Read($"keystore {file.Name}", confirm: false), file.Name);
                try
                {
                    // The address field is optional in the standard; the wallet lists accounts by it, so add it.
                    json = KeyStoreFile.WithAddress(json, Core.Crypto.Ecdsa.Default.AddressOf(unlocked));
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(unlocked);
                }

                return Task.FromResult(Report(session, "imported", session.Store.Add(accountName, json)));
            }

            var key = parse.GetValue(privateKey) is { } hex ? PrivateKeyText.Parse(hex)
                : parse.GetValue(privateKeyFile) is { } keyFile ? PrivateKeyText.Parse(ReadSecretFile(keyFile))
                : PrivateKeyText.FromMnemonic(parse.GetValue(mnemonic)!, parse.GetValue(index));
            try
            {
                var password = passwords.Read($"account '{accountName}'", confirm: true);
                var stored = session.Store.Add(accountName, KeyStoreFile.Encrypt(key, password, parse.GetValue(light)));
                return Task.FromResult(Report(session, "imported", stored));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }));
        return command;
    }

    private static Command CreateList(CommandContext context)
    {
        var command = new Command("list", "List the accounts in the wallet folder.\n\nExample:\n  ledger-wallet account list --json");
        command.SetAction((parse, _) => WalletCli.Run(context, parse, session =>
        {
            var accounts = session.Store.List();
            if (session.Json)
            {
                var array = new JsonArray();
                foreach (var account in accounts)
                {
                    array.Add(new JsonObject { ["name"] = account.Name, ["address"] = account.Address.ToChecksumString(), ["keystore"] = account.KeyStorePath });
                }

                session.WriteJson(new JsonObject { ["walletDir"] = session.Store.Directory, ["accounts"] = array });
            }
            else if (accounts.Count == 0)
            {
                session.Out.WriteLine($"No accounts in {session.Store.Directory}. Create one with `ledger-wallet account new --name NAME`.");
            }
            else
            {
                var width = Math.Max(4, accounts.Max(a => a.Name.Length));
                session.Out.WriteLine($"{"NAME".PadRight(width)}  ADDRESS");
                foreach (var account in accounts)
                {
                    session.Out.WriteLine($"{account.Name.PadRight(width)}  {account.Address.ToChecksumString()}");
                }
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static Command CreateExport(CommandContext context)
    {
        var name = NameOption();
        var output = new Option<FileInfo>("--output") { Description = "Write the keystore file here instead of standard output (never overwrites)." };
        var command = new Command(
            "export",
            "Export an account's encrypted keystore v3 file, to import into geth or MetaMask (with the same password). The raw key is never printed.\n\nExample:\n  ledger-wallet account export --name alice --output alice.json")
        {
            name, output,
        };
        command.SetAction((parse, _) => WalletCli.Run(context, parse, session =>
        {
            var account = session.Store.Get(parse.GetRequiredValue(name));
            var json = session.Store.ReadKeyStore(account);
            if (parse.GetValue(output) is { } file)
            {
                if (file.Exists)
                {
                    throw WalletException.Usage($"{file.FullName} already exists; choose another --output");
                }

                File.WriteAllText(file.FullName, json);
                return Task.FromResult(Report(session, "exported", account with { KeyStorePath = file.FullName }));
            }

            session.Out.WriteLine(json);
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static void RequireFreeName(WalletSession session, string name)
    {
        if (!WalletStore.IsValidName(name))
        {
            throw WalletException.Usage($"'{name}' is not a usable account name (1-64 letters, digits, '-', '_' or '.', starting with a letter or digit)");
        }

        if (session.Store.List().Any(a => a.Name == name))
        {
            throw WalletException.Usage($"an account named '{name}' already exists in {session.Store.Directory}");
        }
    }

    private static int Report(WalletSession session, string what, StoredAccount account)
    {
        if (session.Json)
        {
            session.WriteJson(new JsonObject { ["name"] = account.Name, ["address"] = account.Address.ToChecksumString(), ["keystore"] = account.KeyStorePath });
        }
        else
        {
            session.Out.WriteLine($"{char.ToUpperInvariant(what[0])}{what[1..]} account '{account.Name}': {account.Address.ToChecksumString()} ({account.KeyStorePath})");
        }

        return ExitCodes.Success;
    }

    private static string ReadSecretFile(FileInfo file) =>
        file.Exists ? File.ReadAllText(file.FullName).Trim() : throw WalletException.Usage($"the file {file.FullName} does not exist");

    private static byte[] NewKey()
    {
        // A uniformly random 32-byte string is a valid secp256k1 key with probability ~1 - 2^-128; retry otherwise.
        while (true)
        {
            var key = RandomNumberGenerator.GetBytes(32);
            try
            {
                _ = Core.Crypto.Ecdsa.Default.AddressOf(key);
                return key;
            }
            catch (ArgumentException)
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
    }
}
