using System.CommandLine;
using Ledger.Custody.KeyStore;
using Ledger.Custody.Pkcs11;
using Ledger.Node.Configuration;

namespace Ledger.Node.Cli;

internal static partial class KeyCommand
{
    /// <summary>
    /// <c>ledger key inspect --keystore FILE</c> prints the address, KDF and cipher without decrypting; with a password it
    /// also decrypts and confirms the key matches. <c>--pkcs11-*</c> instead prints the address of a key in a token.
    /// </summary>
    private static Command CreateInspect()
    {
        var keyStore = new Option<FileInfo>("--keystore") { Description = "Keystore v3 file to inspect." };
        keyStore.AcceptExistingOnly();
        var password = new KeyPasswordOptions();
        var hsm = new Pkcs11KeyOptions();
        var command = new Command("inspect", "Show a keystore's address and key derivation (decrypting only when a password is given), or the address of a PKCS#11 key.")
        {
            keyStore,
        };
        password.AddTo(command);
        hsm.AddTo(command, required: false);
        command.SetAction((parse, _) => LedgerCli.Guarded(parse, async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (hsm.IsGiven(parse))
            {
                var settings = hsm.Settings(parse);
                ValidatorSigners.RequirePrivate(settings.PinFile, "PKCS#11 PIN file", allowInsecure: false, parse.InvocationConfiguration.Error);
                using var signer = Pkcs11Signer.Open(settings, maxSessions: 1);
                await output.WriteLineAsync($"address {signer.Address.ToChecksumString()}");
                await output.WriteLineAsync($"pkcs11 token '{settings.TokenLabel}' key '{settings.KeyLabel}'");
                return 0;
            }

            var path = parse.GetValue(keyStore)?.FullName
                ?? throw new NodeConfigurationException("give --keystore FILE, or --pkcs11-module, --pkcs11-token, --pkcs11-key and --pkcs11-pin-file");
            var json = await File.ReadAllTextAsync(path);
            var summary = KeyStoreV3.Inspect(json, $"keystore '{path}'");
            await output.WriteLineAsync($"address {summary.Address?.ToChecksumString() ?? "(not recorded in the file)"}");
            await output.WriteLineAsync($"kdf {summary.Kdf} {summary.KdfParameters}");
            await output.WriteLineAsync($"cipher {summary.Cipher}");
            if (password.Read(parse, required: false) is { } secret)
            {
                using var signer = KeyStoreSigner.Open(path, secret);
                await output.WriteLineAsync($"password ok: the keystore decrypts to {signer.Address.ToChecksumString()}");
            }

            return 0;
        }));
        return command;
    }

    /// <summary><c>ledger key hsm-new</c>: a secp256k1 pair generated inside the token; prints its address.</summary>
    private static Command CreateHsmNew()
    {
        var hsm = new Pkcs11KeyOptions();
        var command = new Command("hsm-new", "Generate a secp256k1 validator key inside a PKCS#11 token (never extractable) and print its address.");
        hsm.AddTo(command, required: true);
        command.SetAction((parse, _) => LedgerCli.Guarded(parse, async () =>
        {
            var settings = hsm.Settings(parse);
            ValidatorSigners.RequirePrivate(settings.PinFile, "PKCS#11 PIN file", allowInsecure: false, parse.InvocationConfiguration.Error);
            using var token = Pkcs11Token.Open(settings);
            var address = Pkcs11KeyGenerator.Generate(token, settings.KeyLabel);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync($"address {address.ToChecksumString()}");
            await output.WriteLineAsync($"pkcs11 token '{settings.TokenLabel}' key '{settings.KeyLabel}' (sensitive, not extractable)");
            return 0;
        }));
        return command;
    }
}
