using System.ComponentModel;

namespace Ledger.Node.Configuration;

/// <summary>The <c>auth.jwt</c> section: which keys may sign bearer tokens and what the tokens must say.</summary>
public sealed record JwtSettings
{
    [Description("File with the HS256 shared secret (at least 32 bytes, mode 0600); --auth-jwt-secret-file. Tokens signed HS256 verify only with it.")]
    public string? Hs256SecretFile { get; init; }

    [Description("PEM public keys (P-256 for ES256, RSA >= 2048 bits for RS256) of the token issuers; --auth-jwt-public-key (repeatable).")]
    public IReadOnlyList<string> PublicKeys { get; init; } = [];

    [Description("Required token issuer (iss); null = not checked.")]
    public string? Issuer { get; init; }

    [Description("Required token audience (aud); null = not checked.")]
    public string? Audience { get; init; }

    [Description("Seconds of clock difference tolerated on exp, nbf and iat.")]
    public int ClockSkewSeconds { get; init; } = 30;

    [Description("Longest token lifetime (exp - iat) accepted, in seconds; null = any.")]
    public int? MaxLifetimeSeconds { get; init; }

    public JwtSettings RelativeTo(string baseDirectory) => this with
    {
        Hs256SecretFile = PathSettings.Resolve(Hs256SecretFile, baseDirectory),
        PublicKeys = [.. PublicKeys.Select(p => PathSettings.Resolve(p, baseDirectory)!)],
    };
}
