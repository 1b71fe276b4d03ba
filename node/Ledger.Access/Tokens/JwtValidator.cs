using System.Collections.Frozen;
using Ledger.Core.Primitives;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Access.Tokens;

/// <summary>
/// Verifies a bearer JWT and turns its claims into an <see cref="AccessPrincipal"/>. The signature is checked by
/// Microsoft.IdentityModel with each key bound to its one algorithm; the times (<c>exp</c> required, <c>nbf</c>,
/// <c>iat</c>) are checked here against an injectable clock so each failure has its own reason. Thread-safe.
/// </summary>
public sealed class JwtValidator
{
    private readonly JwtValidatorOptions _options;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { MaximumTokenSizeInBytes = TokenClaims.MaxTokenBytes };
    private readonly TokenValidationParameters _parameters;

    public JwtValidator(JwtValidatorOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Keys.Count == 0)
        {
            throw new AccessConfigurationException("bearer tokens need at least one key (an HS256 secret file or an ES256/RS256 public key)");
        }

        _options = options;
        _time = time ?? TimeProvider.System;
        _parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = options.Keys,
            TryAllIssuerSigningKeys = true,
            RequireSignedTokens = true,
            ValidAlgorithms = [JwtAlgorithms.Hs256, JwtAlgorithms.Es256, JwtAlgorithms.Rs256],
            // Each key verifies only its own algorithm: no HS256 token "signed" with a public key.
            AlgorithmValidator = (algorithm, key, _, _) => key is not null && string.Equals(JwtAlgorithms.For(key), algorithm, StringComparison.Ordinal),
            ValidateIssuer = options.Issuer is not null,
            ValidIssuer = options.Issuer,
            ValidateAudience = options.Audience is not null,
            ValidAudience = options.Audience,
            // Times are checked in Check() against our clock, with one reason per failure.
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidateIssuerSigningKey = false,
        };
    }

    /// <summary>The principal of a valid token, or why the token is refused (the reason never quotes the token).</summary>
    public async Task<AuthenticationResult> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length == 0 || token.Length > TokenClaims.MaxTokenBytes)
        {
            return AuthenticationResult.Fail("malformed", "the bearer token is empty or too long");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var result = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return AuthenticationResult.Fail(Classify(result.Exception));
        }

        return Check((JsonWebToken)result.SecurityToken);
    }

    private AuthenticationResult Check(JsonWebToken token)
    {
        var now = _time.GetUtcNow();
        var skew = _options.ClockSkew;
        if (token.ValidTo == DateTime.MinValue)
        {
            return AuthenticationResult.Fail("bad_claims", "the token has no expiry (exp); tokens must expire");
        }

        var expires = new DateTimeOffset(token.ValidTo, TimeSpan.Zero);
        if (now > expires + skew)
        {
            return AuthenticationResult.Fail("expired", $"the token expired at {expires:O}; ask for a new one");
        }

        if (token.ValidFrom != DateTime.MinValue && now + skew < new DateTimeOffset(token.ValidFrom, TimeSpan.Zero))
        {
            return AuthenticationResult.Fail("not_yet_valid", $"the token is not valid before {token.ValidFrom:O} (nbf)");
        }

        if (token.IssuedAt != DateTime.MinValue)
        {
            var issued = new DateTimeOffset(token.IssuedAt, TimeSpan.Zero);
            if (now + skew < issued)
            {
                return AuthenticationResult.Fail("issued_in_future", $"the token says it was issued at {issued:O}, in the future (iat); check the issuer's clock");
            }

            if (_options.MaxLifetime is { } max && expires - issued > max)
            {
                return AuthenticationResult.Fail("bad_claims", $"the token lives {expires - issued}; this node accepts at most {max}");
            }
        }

        return Principal(token, expires);
    }

    private static AuthenticationResult Principal(JsonWebToken token, DateTimeOffset expires)
    {
        var subject = token.Subject;
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > TokenClaims.MaxSubjectLength)
        {
            return AuthenticationResult.Fail("bad_claims", $"the token needs a subject (sub) of 1 to {TokenClaims.MaxSubjectLength} characters");
        }

        var roles = new HashSet<string>(StringComparer.Ordinal);
        var accounts = new HashSet<Address>();
        var hasAccounts = false;
        foreach (var claim in token.Claims)
        {
            switch (claim.Type)
            {
                case TokenClaims.Roles or TokenClaims.Role:
                    if (claim.Value.Length is 0 or > TokenClaims.MaxRoleLength || roles.Count >= TokenClaims.MaxRoles)
                    {
                        return AuthenticationResult.Fail("bad_claims", $"the token's roles must be at most {TokenClaims.MaxRoles} names of at most {TokenClaims.MaxRoleLength} characters");
                    }

                    roles.Add(claim.Value);
                    break;
                case TokenClaims.Accounts:
                    hasAccounts = true;
                    if (!Address.TryParse(claim.Value, out var account) || accounts.Count >= TokenClaims.MaxAccounts)
                    {
                        return AuthenticationResult.Fail("bad_claims", $"the token's accounts must be at most {TokenClaims.MaxAccounts} 0x addresses");
                    }

                    accounts.Add(account);
                    break;
            }
        }

        return AuthenticationResult.Success(new AccessPrincipal
        {
            Subject = subject,
            Roles = roles.ToFrozenSet(StringComparer.Ordinal),
            Accounts = hasAccounts ? accounts.ToFrozenSet() : null,
            Kind = AuthenticationKind.Bearer,
            ExpiresAt = expires,
        });
    }

    private static AuthenticationFailure Classify(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAlgorithmException => new("wrong_algorithm", "the token's algorithm is not accepted for any configured key (HS256 with the secret, ES256/RS256 with a public key)"),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => new("bad_signature", "the token's signature does not verify with any configured key"),
        SecurityTokenInvalidIssuerException => new("wrong_issuer", "the token's issuer (iss) is not the one this node accepts"),
        SecurityTokenInvalidAudienceException => new("wrong_audience", "the token's audience (aud) is not this node"),
        SecurityTokenMalformedException or ArgumentException => new("malformed", "the bearer token is not a well-formed JWT"),
        _ => new("invalid", "the bearer token is not valid"),
    };
}
