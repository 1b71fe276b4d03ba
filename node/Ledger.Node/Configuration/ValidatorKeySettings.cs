using System.ComponentModel;

namespace Ledger.Node.Configuration;

/// <summary>
/// Where the validator key of <c>ledger run</c> lives: the <c>validatorKey</c> section of the config file, or the flags
/// (<c>--key</c>, <c>--keystore</c>, <c>--pkcs11-*</c>), which override it. Exactly one source: a plain hex key file (for
/// development and tests), an encrypted keystore v3 file with its password in a file or an environment variable, or a
/// key inside a PKCS#11 token. Paths only; no secret is ever held in these settings. Relative paths in a config file
/// are resolved against the config file's folder. See docs/security.md, "Key custody".
/// </summary>
public sealed record ValidatorKeySettings
{
    [Description("Plain hex private key file (64 hex digits, 0x optional); --key / --validator-key-file. Must be mode 0600 unless allowInsecureKeyFile.")]
    public string? KeyFile { get; init; }

    [Description("Start even when a key, keystore password or PIN file is readable by other users (a warning is printed); --allow-insecure-key-file.")]
    public bool AllowInsecureKeyFile { get; init; }

    [Description("Encrypted keystore v3 file (scrypt or pbkdf2), decrypted once at start; --keystore.")]
    public string? KeyStore { get; init; }

    [Description("File whose content (one line) is the keystore password; --key-password-file.")]
    public string? PasswordFile { get; init; }

    [Description("Name of the environment variable holding the keystore password; --key-password-env.")]
    public string? PasswordEnv { get; init; }

    [Description("PKCS#11 module (shared library) of the HSM, e.g. /usr/lib/softhsm/libsofthsm2.so; --pkcs11-module.")]
    public string? Pkcs11Module { get; init; }

    [Description("Label of the token that holds the key; --pkcs11-token.")]
    public string? Pkcs11Token { get; init; }

    [Description("CKA_LABEL of the secp256k1 key pair in the token; --pkcs11-key.")]
    public string? Pkcs11Key { get; init; }

    [Description("File whose content (one line) is the token's user PIN; --pkcs11-pin-file.")]
    public string? Pkcs11PinFile { get; init; }

    /// <summary>Which source the settings name (after <see cref="Validate"/>).</summary>
    public ValidatorKeySource Source =>
        KeyFile is not null ? ValidatorKeySource.KeyFile
        : KeyStore is not null ? ValidatorKeySource.KeyStore
        : ValidatorKeySource.Pkcs11;

    /// <summary>The same settings with relative paths made absolute against <paramref name="baseDirectory"/>.</summary>
    public ValidatorKeySettings RelativeTo(string baseDirectory) => this with
    {
        KeyFile = Resolve(KeyFile, baseDirectory),
        KeyStore = Resolve(KeyStore, baseDirectory),
        PasswordFile = Resolve(PasswordFile, baseDirectory),
        Pkcs11Module = Resolve(Pkcs11Module, baseDirectory),
        Pkcs11PinFile = Resolve(Pkcs11PinFile, baseDirectory),
    };

    /// <summary>Throws <see cref="NodeConfigurationException"/> unless exactly one complete key source is named.</summary>
    public void Validate()
    {
        var pkcs11 = new[] { Pkcs11Module, Pkcs11Token, Pkcs11Key, Pkcs11PinFile };
        var sources = new List<string>();
        if (KeyFile is not null)
        {
            sources.Add("--key");
        }

        if (KeyStore is not null)
        {
            sources.Add("--keystore");
        }

        if (pkcs11.Any(v => v is not null))
        {
            sources.Add("--pkcs11-*");
        }

        if (sources.Count == 0)
        {
            throw new NodeConfigurationException(
                "no validator key: give --key FILE (plain hex, development), --keystore FILE with --key-password-file or --key-password-env, "
                + "or --pkcs11-module, --pkcs11-token, --pkcs11-key and --pkcs11-pin-file (or the config file's validatorKey section)");
        }

        if (sources.Count > 1)
        {
            throw new NodeConfigurationException($"give one validator key source, not {string.Join(" and ", sources)}");
        }

        if (KeyStore is not null && (PasswordFile is null) == (PasswordEnv is null))
        {
            throw new NodeConfigurationException("--keystore needs exactly one of --key-password-file FILE or --key-password-env VARIABLE");
        }

        if (KeyStore is null && (PasswordFile is not null || PasswordEnv is not null))
        {
            throw new NodeConfigurationException("--key-password-file and --key-password-env go with --keystore");
        }

        if (Source == ValidatorKeySource.Pkcs11 && pkcs11.Any(string.IsNullOrWhiteSpace))
        {
            var missing = new[] { ("--pkcs11-module", Pkcs11Module), ("--pkcs11-token", Pkcs11Token), ("--pkcs11-key", Pkcs11Key), ("--pkcs11-pin-file", Pkcs11PinFile) }
                .Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1);
            throw new NodeConfigurationException($"a PKCS#11 key also needs {string.Join(", ", missing)}");
        }
    }

    private static string? Resolve(string? path, string baseDirectory) =>
        string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path, baseDirectory);
}
