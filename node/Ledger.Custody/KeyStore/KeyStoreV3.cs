using System.Security.Cryptography;
using System.Text.Json;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Nethereum.KeyStore;
using Nethereum.KeyStore.Crypto;
using Nethereum.KeyStore.Model;

namespace Ledger.Custody.KeyStore;

/// <summary>
/// Web3 Secret Storage (keystore v3) files, as geth and MetaMask write them: scrypt (N=262144, r=8, p=1) by default, or
/// geth's "light" parameters (N=4096, p=6) on request; reading accepts scrypt and pbkdf2. Shared by the node (validator
/// keystores) and the wallet (account keystores), so both read and write exactly the same files.
/// </summary>
public static class KeyStoreV3
{
    public static ScryptParams StandardScrypt => new() { Dklen = 32, N = 262144, R = 8, P = 1 };

    /// <summary>geth's --lightkdf: far faster to unlock, weaker against offline guessing.</summary>
    public static ScryptParams LightScrypt => new() { Dklen = 32, N = 4096, R = 8, P = 6 };

    /// <summary>The keystore JSON of <paramref name="privateKey"/> under <paramref name="password"/>, naming its address.</summary>
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
    /// The private key inside <paramref name="json"/>. Throws <see cref="KeyCustodyException"/> for a wrong password, a
    /// file that is not a keystore, or a key that does not match the address the file names. <paramref name="source"/>
    /// names the keystore in messages; neither the password nor the key ever appears in one.
    /// </summary>
    public static byte[] Decrypt(string json, string password, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(password);
        RequireKeyStore(json, source);
        byte[] key;
        try
        {
            key = new KeyStoreService().DecryptKeyStoreFromJson(password, json);
        }
        catch (DecryptionException ex)
        {
            throw new KeyCustodyException($"wrong password for {source}", ex);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or InvalidOperationException or NullReferenceException or Exception { Source: "Newtonsoft.Json" })
        {
            throw new KeyCustodyException($"{source} is damaged or not a keystore v3 file: {ex.Message}", ex);
        }

        if (key.Length != 32)
        {
            CryptographicOperations.ZeroMemory(key);
            throw new KeyCustodyException($"{source} holds a {key.Length}-byte secret, not a 32-byte secp256k1 key");
        }

        if (TryReadAddress(json, out var expected) && Ecdsa.Default.AddressOf(key) != expected)
        {
            CryptographicOperations.ZeroMemory(key);
            throw new KeyCustodyException($"{source} holds a key for another address than it names ({expected.ToChecksumString()})");
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

    /// <summary>Throws <see cref="KeyCustodyException"/> if the text is not a keystore v3 JSON object.</summary>
    public static void RequireKeyStore(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != 3
                || !(root.TryGetProperty("crypto", out _) || root.TryGetProperty("Crypto", out _)))
            {
                throw new KeyCustodyException($"{source} is not a keystore v3 file (it needs \"version\": 3 and a \"crypto\" section)");
            }
        }
        catch (JsonException ex)
        {
            throw new KeyCustodyException($"{source} is not JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Address, key derivation and cipher of a keystore, read without the password.</summary>
    public static KeyStoreSummary Inspect(string json, string source)
    {
        RequireKeyStore(json, source);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var crypto = root.TryGetProperty("crypto", out var lower) ? lower : root.GetProperty("Crypto");
        var kdf = Text(crypto, "kdf") ?? "unknown";
        var parameters = crypto.TryGetProperty("kdfparams", out var kdfParams) && kdfParams.ValueKind == JsonValueKind.Object
            ? string.Join(' ', kdfParams.EnumerateObject()
                .Where(p => p.Name is "n" or "r" or "p" or "c" or "prf" or "dklen")
                .Select(p => $"{p.Name}={p.Value}"))
            : "";
        return new KeyStoreSummary(
            TryReadAddress(json, out var address) ? address : null, kdf, parameters, Text(crypto, "cipher") ?? "unknown");
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string WithPrefix(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text : "0x" + text;
}
