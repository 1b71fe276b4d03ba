using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Access.Tokens;

/// <summary>
/// Loads verification keys: an HS256 secret from a file (owner-only, at least 32 bytes) and ES256 (P-256) or RS256
/// (2048 bits or more) public keys from PEM files. Errors name the file and the fix, never the content.
/// </summary>
public static class JwtKeys
{
    /// <summary>RFC 7518 §3.2: an HS256 key at least as long as the hash.</summary>
    public const int MinSecretBytes = 32;

    private const int MaxFileBytes = 64 * 1024;

    private const int MinRsaBits = 2048;

    /// <summary>The HS256 secret: the file's bytes less one trailing line break.</summary>
    public static SymmetricSecurityKey LoadSecret(string path)
    {
        var bytes = ReadBounded(path, "HS256 secret file");
        if (FilePermissions.Exposure(path) is { } exposure)
        {
            throw new AccessConfigurationException($"the HS256 secret file '{path}' is not private: {exposure}");
        }

        var length = bytes.Length;
        if (length > 0 && bytes[length - 1] == '\n')
        {
            length--;
            if (length > 0 && bytes[length - 1] == '\r')
            {
                length--;
            }
        }

        if (length < MinSecretBytes)
        {
            throw new AccessConfigurationException(
                $"the HS256 secret file '{path}' holds {length} bytes; use at least {MinSecretBytes} random bytes (e.g. openssl rand -hex 32 > '{path}')");
        }

        return new SymmetricSecurityKey(bytes[..length]) { KeyId = "hs256" };
    }

    /// <summary>An ES256 or RS256 public key (PEM "PUBLIC KEY" or "RSA PUBLIC KEY"). A private key is refused: the node needs only the public half.</summary>
    public static SecurityKey LoadPublicKey(string path)
    {
        var pem = System.Text.Encoding.ASCII.GetString(ReadBounded(path, "JWT public key file"));
        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new AccessConfigurationException(
                $"'{path}' holds a private key; give the node only the public key (openssl pkey -in '{path}' -pubout -out public.pem) and keep the private key with the token issuer");
        }

        if (!pem.Contains("PUBLIC KEY", StringComparison.Ordinal))
        {
            throw new AccessConfigurationException($"'{path}' is not a PEM public key (expected -----BEGIN PUBLIC KEY-----)");
        }

        var kid = Path.GetFileNameWithoutExtension(path);
        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            var bits = ec.KeySize;
            if (bits != 256)
            {
                ec.Dispose();
                throw new AccessConfigurationException($"'{path}' is an EC key of {bits} bits; ES256 needs a P-256 key");
            }

            return new ECDsaSecurityKey(ec) { KeyId = kid };
        }
        catch (CryptographicException)
        {
            // Not an EC key: try RSA below.
            ec.Dispose();
        }

        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            if (rsa.KeySize < MinRsaBits)
            {
                throw new AccessConfigurationException($"'{path}' is an RSA key of {rsa.KeySize} bits; RS256 needs at least {MinRsaBits}");
            }

            return new RsaSecurityKey(rsa) { KeyId = kid };
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new AccessConfigurationException($"'{path}' is neither a P-256 (ES256) nor an RSA (RS256) public key: {ex.Message}", ex);
        }
    }

    private static byte[] ReadBounded(string path, string what)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new AccessConfigurationException($"the {what} '{path}' does not exist");
            }

            if (info.Length > MaxFileBytes)
            {
                throw new AccessConfigurationException($"the {what} '{path}' is {info.Length} bytes; expected a key of a few hundred");
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AccessConfigurationException($"cannot read the {what} '{path}': {ex.Message}", ex);
        }
    }
}
