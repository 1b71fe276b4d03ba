using System.Security.Cryptography;
using System.Text.Json;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;
using Nethereum.KeyStore;
using Nethereum.KeyStore.Crypto;
using Nethereum.KeyStore.Model;

namespace Ledger.Wallet.Keys;

/// <summary>
/// Web3 Secret Storage (keystore v3) files, as geth and MetaMask write them: scrypt (N=262144, r=8, p=1) by
/// default, or geth's "light" parameters (N=4096, p=6) on request; reading accepts scrypt and pbkdf2.
/// </summary>
public static class KeyStoreFile
{
    public static ScryptParams StandardScrypt => new() { Dklen = 32, N = 262144, R = 8, P = 1 };

    /// <summary>geth's --lightkdf: far faster to unlock, weaker against offline guessing.</summary>
    public static ScryptParams LightScrypt => new() { Dklen = 32, N = 4096, R = 8, P = 6 };

    public static string Encrypt(ReadOnlySpan<byte> privateKey, string password, bool light = false)
    {
        ArgumentNullException.ThrowIfNull(password);
        var key = privateKey.ToArray();
        try
        {
            var address = Ecdsa.Default.AddressOf(key);
            return new KeyStoreScryptService().EncryptAndGenerateKeyStoreAsJson(
                password, key, address.ToString()[2..], light ? LightScrypt : StandardScrypt);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// The private key inside <paramref name="json"/>; throws a key <see cref="WalletException"/> for a wrong password
    /// or a file that is not a keystore, and checks that the key matches the file's address.
    /// </summary>
    public static byte[] Decrypt(string json, string password, string accountName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(password);
        byte[] key;
        try
        {
            key = new KeyStoreService().DecryptKeyStoreFromJson(password, json);
        }
        catch (DecryptionException ex)
        {
            throw WalletException.Key($"wrong password for account '{accountName}'", ex);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException or NullReferenceException or Exception { Source: "Newtonsoft.Json" })
        {
            throw WalletException.Key($"the keystore of account '{accountName}' is damaged or not a keystore v3 file: {ex.Message}", ex);
        }

        if (TryReadAddress(json, out var expected) && Ecdsa.Default.AddressOf(key) != expected)
        {
            CryptographicOperations.ZeroMemory(key);
            throw WalletException.Key($"the keystore of account '{accountName}' holds a key for another address than it names ({expected.ToChecksumString()})");
        }

        return key;
    }

    /// <summary>The "address" field (optional in the standard; geth and MetaMask write it).</summary>
    public static bool TryReadAddress(string json, out Address address)
    {
        address = default;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("address", out var field)
                && field.ValueKind == JsonValueKind.String
                && Address.TryParse(WithPrefix(field.GetString()!), out address);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The keystore unchanged if it names an address, else with geth's "address" field added.</summary>
    public static string WithAddress(string json, Address address)
    {
        if (TryReadAddress(json, out _))
        {
            return json;
        }

        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node["address"] = address.ToString()[2..];
        return node.ToJsonString();
    }

    /// <summary>Throws a key <see cref="WalletException"/> if the text is not a keystore v3 JSON object.</summary>
    public static void RequireKeyStore(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 3
                || !(root.TryGetProperty("crypto", out _) || root.TryGetProperty("Crypto", out _)))
            {
                throw WalletException.Key($"{source} is not a keystore v3 file (it needs \"version\": 3 and a \"crypto\" section)");
            }
        }
        catch (JsonException ex)
        {
            throw WalletException.Key($"{source} is not JSON: {ex.Message}", ex);
        }
    }

    private static string WithPrefix(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text : "0x" + text;
}
