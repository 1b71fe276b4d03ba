using Microsoft.IdentityModel.Tokens;

namespace Ledger.Access.Tokens;

/// <summary>What a bearer token must satisfy.</summary>
public sealed record JwtValidatorOptions
{
    /// <summary>Keys that may have signed a token (HS256 secret, ES256/RS256 public keys); at least one.</summary>
    public required IReadOnlyList<SecurityKey> Keys { get; init; }

    /// <summary>Required <c>iss</c>; null = not checked.</summary>
    public string? Issuer { get; init; }

    /// <summary>Required <c>aud</c>; null = not checked.</summary>
    public string? Audience { get; init; }

    /// <summary>Tolerance for clocks that disagree a little, applied to <c>exp</c>, <c>nbf</c> and <c>iat</c>.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest accepted <c>exp − iat</c>; null = any. Bounds how long a leaked token is worth something.</summary>
    public TimeSpan? MaxLifetime { get; init; }
}
