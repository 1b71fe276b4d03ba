using Microsoft.IdentityModel.Tokens;

namespace Ledger.Access.Tokens;

/// <summary>
/// The three algorithms the node accepts, each bound to one kind of key: an HS256 secret never verifies an ES256 or
/// RS256 token and a public key never verifies HS256 (the classic algorithm-confusion attack signs HS256 with a public
/// key as the secret). <c>none</c> is never accepted.
/// </summary>
public static class JwtAlgorithms
{
    public const string Hs256 = SecurityAlgorithms.HmacSha256;
    public const string Es256 = SecurityAlgorithms.EcdsaSha256;
    public const string Rs256 = SecurityAlgorithms.RsaSha256;

    /// <summary>The one algorithm <paramref name="key"/> may verify.</summary>
    public static string For(SecurityKey key) => key switch
    {
        SymmetricSecurityKey => Hs256,
        ECDsaSecurityKey => Es256,
        RsaSecurityKey => Rs256,
        _ => throw new ArgumentException($"unsupported key type {key.GetType().Name}"),
    };
}
