using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Custody;
using Ledger.Custody.Files;
using Ledger.Custody.KeyStore;
using Ledger.Custody.Pkcs11;
using Ledger.Node.Configuration;

namespace Ledger.Node.Cli;

/// <summary>
/// Opens the one signer behind everything a node signs (seals, votes, handshakes, sync requests, validator-vote
/// transactions) from <see cref="ValidatorKeySettings"/>. Errors become <see cref="NodeConfigurationException"/> (exit
/// code 2, one line on standard error); warnings (a plain key file, a file others can read) go to
/// <paramref name="warnings"/>. No message ever contains a password, PIN or key.
/// </summary>
internal static class ValidatorSigners
{
    /// <summary>The signer; dispose it (if <see cref="IDisposable"/>) when the node has stopped.</summary>
    public static IConsensusSigner Open(ValidatorKeySettings settings, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(warnings);
        settings.Validate();
        try
        {
            switch (settings.Source)
            {
                case ValidatorKeySource.KeyFile:
                    var key = ValidatorKeyFile.Load(settings.KeyFile!, settings.AllowInsecureKeyFile, warnings);
                    try
                    {
                        return new LocalKeySigner(key, Ecdsa.Default);
                    }
                    finally
                    {
                        Array.Clear(key);
                    }

                case ValidatorKeySource.KeyStore:
                    WarnIfExposed(settings.KeyStore!, "keystore", warnings);
                    var password = ReadPassword(settings, warnings);
                    return KeyStoreSigner.Open(settings.KeyStore!, password);

                default:
                    RequirePrivate(settings.Pkcs11PinFile!, "PKCS#11 PIN file", settings.AllowInsecureKeyFile, warnings);
                    return Pkcs11Signer.Open(new Pkcs11Settings(settings.Pkcs11Module!, settings.Pkcs11Token!, settings.Pkcs11Key!, settings.Pkcs11PinFile!));
            }
        }
        catch (KeyCustodyException ex)
        {
            throw new NodeConfigurationException(ex.Message, ex);
        }
    }

    /// <summary>A one-line description of where the key is, for the start-up log (no secret in it).</summary>
    public static string Describe(ValidatorKeySettings settings) => settings.Source switch
    {
        ValidatorKeySource.KeyFile => $"plain key file '{settings.KeyFile}'",
        ValidatorKeySource.KeyStore => $"keystore '{settings.KeyStore}' (decrypted at start)",
        _ => $"PKCS#11 token '{settings.Pkcs11Token}' key '{settings.Pkcs11Key}' (module '{settings.Pkcs11Module}'); the key never leaves the token",
    };

    /// <summary>The keystore password from its file or environment variable.</summary>
    public static string ReadPassword(ValidatorKeySettings settings, TextWriter warnings)
    {
        if (settings.PasswordFile is { } file)
        {
            RequirePrivate(file, "keystore password file", settings.AllowInsecureKeyFile, warnings);
            return SecretFile.ReadSecret(file, "keystore password file");
        }

        return SecretFile.ReadEnvironment(settings.PasswordEnv!, "keystore password");
    }

    /// <summary>Refuses a secret file others can read unless allowed, then only warns (as ssh refuses such keys).</summary>
    public static void RequirePrivate(string path, string what, bool allowInsecure, TextWriter warnings)
    {
        if (!File.Exists(path))
        {
            return; // the reader names the missing file
        }

        if (SecretFile.Exposure(path) is not { } exposure)
        {
            return;
        }

        if (!allowInsecure)
        {
            throw new NodeConfigurationException($"refusing {what} '{path}': {exposure}; or pass --allow-insecure-key-file to start anyway");
        }

        warnings.WriteLine($"ledger: warning: {what} '{path}': {exposure}");
    }

    private static void WarnIfExposed(string path, string what, TextWriter warnings)
    {
        if (File.Exists(path) && SecretFile.Exposure(path) is { } exposure)
        {
            // Encrypted, so only a warning: an attacker who reads it still needs the password.
            warnings.WriteLine($"ledger: warning: {what} '{path}': {exposure}");
        }
    }
}
