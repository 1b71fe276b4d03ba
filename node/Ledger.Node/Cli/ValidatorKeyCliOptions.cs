using System.CommandLine;
using Ledger.Node.Configuration;

namespace Ledger.Node.Cli;

/// <summary>
/// The validator key flags of <c>ledger run</c>. Each overrides the matching <see cref="ValidatorKeySettings"/> of the
/// config file's <c>validatorKey</c> section; a flag naming a source replaces the config file's source altogether, so
/// a config with a keystore and a <c>--pkcs11-*</c> command line do not mix into two sources.
/// </summary>
internal sealed class ValidatorKeyCliOptions
{
    private readonly Option<FileInfo> _keyFile = new("--key", "--validator-key-file")
    {
        Description = "Plain hex private key file (development and tests; must be mode 0600). Production: --keystore or --pkcs11-*.",
    };

    private readonly Option<bool> _allowInsecure = new("--allow-insecure-key-file")
    {
        Description = "Start even when a key, password or PIN file is readable by other users (a warning is printed).",
    };

    private readonly Option<FileInfo> _keyStore = new("--keystore") { Description = "Encrypted keystore v3 file of the validator key (ledger key new)." };

    private readonly Option<FileInfo> _passwordFile = new("--key-password-file") { Description = "File holding the keystore password (one line; mode 0600)." };

    private readonly Option<string> _passwordEnv = new("--key-password-env") { Description = "Environment variable holding the keystore password." };

    private readonly Option<FileInfo> _pkcs11Module = new("--pkcs11-module") { Description = "PKCS#11 module of the HSM (e.g. /usr/lib/softhsm/libsofthsm2.so)." };

    private readonly Option<string> _pkcs11Token = new("--pkcs11-token") { Description = "Label of the PKCS#11 token holding the validator key." };

    private readonly Option<string> _pkcs11Key = new("--pkcs11-key") { Description = "Label of the secp256k1 key pair in the token (ledger key hsm-new)." };

    private readonly Option<FileInfo> _pkcs11PinFile = new("--pkcs11-pin-file") { Description = "File holding the token's user PIN (one line; mode 0600)." };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _keyFile, _allowInsecure, _keyStore, _passwordFile, _passwordEnv, _pkcs11Module, _pkcs11Token, _pkcs11Key, _pkcs11PinFile })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// <paramref name="settings"/> (from the config file, may be null) with the flags given applied. Not validated: the
    /// caller calls <see cref="ValidatorKeySettings.Validate"/>, which names a missing or doubled source.
    /// </summary>
    public ValidatorKeySettings Apply(ParseResult parse, ValidatorKeySettings? settings)
    {
        var fromFlags = new ValidatorKeySettings
        {
            KeyFile = parse.GetValue(_keyFile)?.FullName,
            KeyStore = parse.GetValue(_keyStore)?.FullName,
            PasswordFile = parse.GetValue(_passwordFile)?.FullName,
            PasswordEnv = parse.GetValue(_passwordEnv),
            Pkcs11Module = parse.GetValue(_pkcs11Module)?.FullName,
            Pkcs11Token = parse.GetValue(_pkcs11Token),
            Pkcs11Key = parse.GetValue(_pkcs11Key),
            Pkcs11PinFile = parse.GetValue(_pkcs11PinFile)?.FullName,
        };
        var allowInsecure = parse.GetValue(_allowInsecure) || (settings?.AllowInsecureKeyFile ?? false);
        var flagsNameASource = fromFlags.KeyFile is not null || fromFlags.KeyStore is not null || fromFlags.Pkcs11Module is not null
            || fromFlags.Pkcs11Token is not null || fromFlags.Pkcs11Key is not null || fromFlags.Pkcs11PinFile is not null;
        if (flagsNameASource || settings is null)
        {
            return fromFlags with { AllowInsecureKeyFile = allowInsecure };
        }

        return settings with
        {
            AllowInsecureKeyFile = allowInsecure,
            PasswordFile = fromFlags.PasswordFile ?? settings.PasswordFile,
            PasswordEnv = fromFlags.PasswordEnv ?? settings.PasswordEnv,
        };
    }
}
