using System.Security.Cryptography;
using Ledger.Access.Tokens;
using Ledger.Core.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Node.Tests.Access;

/// <summary>
/// Throwaway token keys in a temp folder: an HS256 secret file (0600) and an ES256 key pair as PEM, with helpers that
/// mint tokens (also broken ones: expired, not yet valid, forged, wrong algorithm).
/// </summary>
internal sealed class AuthKeys : IDisposable
{
    private readonly ECDsa _es256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public AuthKeys()
    {
        SecretPath = Path.Combine(Directory, "jwt.secret");
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(SecretPath, secret + "\n");
        File.SetUnixFileMode(SecretPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Secret = secret;
        PublicKeyPath = Path.Combine(Directory, "issuer.pub.pem");
        File.WriteAllText(PublicKeyPath, _es256.ExportSubjectPublicKeyInfoPem());
        PrivateKeyPath = Path.Combine(Directory, "issuer.key.pem");
        File.WriteAllText(PrivateKeyPath, _es256.ExportPkcs8PrivateKeyPem());
        File.SetUnixFileMode(PrivateKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("ledger-auth-").FullName;

    public string SecretPath { get; }

    /// <summary>The secret's text, for tests that check it never appears in a log.</summary>
    public string Secret { get; }

    public string PublicKeyPath { get; }

    public string PrivateKeyPath { get; }

    public SigningCredentials Hs256 => JwtIssuer.LoadCredentials(SecretPath, null);

    public SigningCredentials Es256 => JwtIssuer.LoadCredentials(null, PrivateKeyPath);

    public string Token(string subject, params string[] roles) => Token(subject, roles, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));

    public string Token(string subject, string[] roles, DateTimeOffset issued, TimeSpan lifetime, IReadOnlyCollection<Address>? accounts = null, SigningCredentials? credentials = null) =>
        JwtIssuer.Issue(credentials ?? Hs256, subject, roles, issued, lifetime, accounts);

    /// <summary>A token signed HS256 with a secret the node does not know.</summary>
    public static string Forged(string subject, params string[] roles)
    {
        var credentials = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), JwtAlgorithms.Hs256);
        return JwtIssuer.Issue(credentials, subject, roles, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
    }

    /// <summary>
    /// The algorithm-confusion attack: an HS256 token whose HMAC key is the issuer's public key PEM (which is public).
    /// A node that let any key verify any algorithm would accept it.
    /// </summary>
    public string PublicKeyAsHmacSecret(string subject, params string[] roles)
    {
        var credentials = new SigningCredentials(new SymmetricSecurityKey(File.ReadAllBytes(PublicKeyPath)), JwtAlgorithms.Hs256);
        return JwtIssuer.Issue(credentials, subject, roles, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
    }

    public void Dispose()
    {
        _es256.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
