using System.Security.Cryptography;
using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Custody.Files;

namespace Ledger.Custody.KeyStore;

/// <summary>
/// A validator key kept in an encrypted keystore v3 file: decrypted once at start into a <see cref="LocalKeySigner"/>
/// (scrypt is deliberately slow, so signing cannot re-derive it each time). The password is read, used and dropped.
/// </summary>
public static class KeyStoreSigner
{
    /// <summary>Reads and decrypts <paramref name="path"/>; throws <see cref="KeyCustodyException"/> with a clear message.</summary>
    public static LocalKeySigner Open(string path, string password, IEcdsa? ecdsa = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyCustodyException($"cannot read keystore '{path}': {ex.Message}", ex);
        }

        if (json.Length > SecretFile.MaxSecretBytes * 4)
        {
            throw new KeyCustodyException($"keystore '{path}' is {json.Length} characters; a keystore v3 file is well under 1 KiB");
        }

        var key = KeyStoreV3.Decrypt(json, password, $"keystore '{path}'");
        try
        {
            return new LocalKeySigner(key, ecdsa ?? Ecdsa.Default);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
