using System.CommandLine;
using System.Security.Cryptography;
using Ledger.Core.Crypto;
using Ledger.Custody.Files;
using Ledger.Custody.KeyStore;

namespace Ledger.Node.Cli;

/// <summary>
/// <c>ledger key new|import|inspect|hsm-new</c>: validator keys for <c>ledger run</c>. Keystores are written with mode
/// 0600 and never over an existing file; every command prints the key's address (what the consortium votes in). See
/// docs/security.md, "Key custody".
/// </summary>
internal static partial class KeyCommand
{
    public static Command Create()
    {
        var command = new Command("key", "Create, import and inspect validator keys (keystore v3 files and PKCS#11 tokens).");
        command.Subcommands.Add(CreateNew());
        command.Subcommands.Add(CreateImport());
        command.Subcommands.Add(CreateInspect());
        command.Subcommands.Add(CreateHsmNew());
        return command;
    }

    private static Command CreateNew()
    {
        var keyStore = KeyStoreOutput();
        var password = new KeyPasswordOptions();
        var light = LightKdf();
        var command = new Command("new", "Generate a validator key into a new encrypted keystore v3 file (mode 0600) and print its address.") { keyStore, light };
        password.AddTo(command);
        command.SetAction((parse, _) => LedgerCli.Guarded(parse, async () =>
        {
            var secret = password.Read(parse, required: true)!;
            var key = NewKey();
            try
            {
                return await WriteKeyStoreAsync(parse, parse.GetRequiredValue(keyStore).FullName, key, secret, parse.GetValue(light));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }));
        return command;
    }

    private static Command CreateImport()
    {
        var keyFile = new Option<FileInfo>("--key", "--validator-key-file") { Description = "Plain hex key file to import (64 hex digits, 0x optional).", Required = true };
        keyFile.AcceptExistingOnly();
        var keyStore = KeyStoreOutput();
        var password = new KeyPasswordOptions();
        var light = LightKdf();
        var command = new Command("import", "Encrypt a plain hex key file into a new keystore v3 file (mode 0600) and print its address. Delete the plain file afterwards.")
        {
            keyFile, keyStore, light,
        };
        password.AddTo(command);
        command.SetAction((parse, _) => LedgerCli.Guarded(parse, async () =>
        {
            var secret = password.Read(parse, required: true)!;
            var key = ValidatorKeyFile.Load(parse.GetRequiredValue(keyFile).FullName, allowInsecure: true, TextWriter.Null);
            try
            {
                return await WriteKeyStoreAsync(parse, parse.GetRequiredValue(keyStore).FullName, key, secret, parse.GetValue(light));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }));
        return command;
    }

    private static async Task<int> WriteKeyStoreAsync(ParseResult parse, string path, byte[] key, string password, bool light)
    {
        var address = Ecdsa.Default.AddressOf(key);
        SecretFile.WriteNew(path, KeyStoreV3.Encrypt(key, password, light));
        var output = parse.InvocationConfiguration.Output;
        await output.WriteLineAsync($"address {address.ToChecksumString()}");
        await output.WriteLineAsync($"keystore {path} (mode 0600, {(light ? "light " : "")}scrypt)");
        return 0;
    }

    /// <summary>32 random bytes that are a valid secp256k1 key (1 ≤ k &lt; n; a miss has probability ~2⁻¹²⁸).</summary>
    private static byte[] NewKey()
    {
        while (true)
        {
            var key = RandomNumberGenerator.GetBytes(32);
            if (!Array.TrueForAll(key, b => b == 0) && key.AsSpan().SequenceCompareTo(SignatureRules.Order) < 0)
            {
                return key;
            }
        }
    }

    private static Option<FileInfo> KeyStoreOutput() =>
        new("--keystore") { Description = "Keystore file to create (refused if it exists).", Required = true };

    private static Option<bool> LightKdf() =>
        new("--light-kdf") { Description = "geth's light scrypt (N=4096): unlocks fast, weaker against offline guessing. For tests." };
}
