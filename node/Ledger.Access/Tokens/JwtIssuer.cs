using System.Security.Cryptography;
using Ledger.Core.Primitives;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Access.Tokens;

/// <summary>
/// Mints tokens the node accepts (<c>ledger token issue</c>, tests): HS256 with the shared secret, or ES256/RS256 with a
/// PEM private key whose public half is in the node's configuration.
/// </summary>
public static class JwtIssuer
{
    /// <summary>Longest lifetime <c>ledger token issue</c> mints: tokens are for apps that can fetch a new one.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    /// <summary>Signing credentials from an HS256 secret file (same rules as the node's) or a PEM private key file.</summary>
    public static SigningCredentials LoadCredentials(string? secretFile, string? privateKeyFile)
    {
        if ((secretFile is null) == (privateKeyFile is null))
        {
            throw new AccessConfigurationException("give exactly one of --secret-file (HS256) and --key-file (ES256/RS256 private key, PEM)");
        }

        if (secretFile is not null)
        {
            return new SigningCredentials(JwtKeys.LoadSecret(secretFile), JwtAlgorithms.Hs256);
        }

        var path = privateKeyFile!;
        if (FilePermissions.Exposure(path) is { } exposure)
        {
            throw new AccessConfigurationException($"the signing key file '{path}' is not private: {exposure}");
        }

        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AccessConfigurationException($"cannot read the signing key file '{path}': {ex.Message}", ex);
        }

        var kid = Path.GetFileNameWithoutExtension(path);
        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            if (ec.KeySize == 256)
            {
                return new SigningCredentials(new ECDsaSecurityKey(ec) { KeyId = kid }, JwtAlgorithms.Es256);
            }
        }
        catch (CryptographicException)
        {
            // Not an EC key: RSA below.
        }

        ec.Dispose();
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            throw new AccessConfigurationException($"'{path}' is neither a P-256 (ES256) nor an RSA (RS256) private key in PEM", ex);
        }

        return new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = kid }, JwtAlgorithms.Rs256);
    }

    /// <summary>A compact JWT with <c>sub</c>, <c>roles</c>, optional <c>accounts</c>, <c>iat</c>/<c>nbf</c> = <paramref name="now"/> and <c>exp</c>.</summary>
    public static string Issue(
        SigningCredentials credentials,
        string subject,
        IReadOnlyCollection<string> roles,
        DateTimeOffset now,
        TimeSpan lifetime,
        IReadOnlyCollection<Address>? accounts = null,
        string? issuer = null,
        string? audience = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(roles);
        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new AccessConfigurationException($"a token lifetime must be positive and at most {MaxLifetime.TotalDays} days");
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [TokenClaims.Subject] = subject,
            [TokenClaims.Roles] = roles.ToArray(),
        };
        if (accounts is not null)
        {
            claims[TokenClaims.Accounts] = accounts.Select(a => a.ToString()).ToArray();
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Issuer = issuer,
            Audience = audience,
            SigningCredentials = credentials,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
