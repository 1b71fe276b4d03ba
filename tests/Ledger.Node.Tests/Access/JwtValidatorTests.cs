using System.Security.Cryptography;
using Ledger.Access;
using Ledger.Access.Tokens;
using Ledger.Core.Primitives;
using Ledger.Node.Tests.Support;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Node.Tests.Access;

public sealed class JwtValidatorTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly AuthKeys _keys = new();

    public void Dispose() => _keys.Dispose();

    [Fact]
    public async Task A_valid_HS256_token_gives_its_subject_roles_accounts_and_expiry()
    {
        var token = _keys.Token("ops-app", ["operator", "reader"], Now.AddMinutes(-1), TimeSpan.FromHours(1), [new Address(Enumerable.Repeat((byte)7, 20).ToArray())]);

        var result = await Validator().ValidateAsync(token);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal("ops-app", result.Principal.Subject);
        Assert.Equal(["operator", "reader"], result.Principal.Roles.Order(StringComparer.Ordinal));
        Assert.Equal(AuthenticationKind.Bearer, result.Principal.Kind);
        Assert.Equal(Now.AddMinutes(59), result.Principal.ExpiresAt);
        Assert.True(result.Principal.MayAccess(new Address(Enumerable.Repeat((byte)7, 20).ToArray())));
        Assert.False(result.Principal.MayAccess(Address.Zero));
    }

    [Fact]
    public async Task A_valid_ES256_token_verifies_with_the_public_key()
    {
        var token = _keys.Token("wallet-app", ["reader"], Now, TimeSpan.FromMinutes(5), credentials: _keys.Es256);

        var result = await Validator().ValidateAsync(token);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Null(result.Principal.Accounts);
    }

    [Fact]
    public async Task A_valid_RS256_token_verifies_with_an_RSA_public_key()
    {
        using var rsa = RSA.Create(2048);
        var path = Path.Combine(_keys.Directory, "rsa.pub.pem");
        await File.WriteAllTextAsync(path, rsa.ExportSubjectPublicKeyInfoPem());
        var validator = new JwtValidator(new JwtValidatorOptions { Keys = [JwtKeys.LoadPublicKey(path)] }, new FixedTimeProvider(Now));
        var token = JwtIssuer.Issue(new SigningCredentials(new RsaSecurityKey(rsa), JwtAlgorithms.Rs256), "app", ["reader"], Now, TimeSpan.FromMinutes(5));

        Assert.True((await validator.ValidateAsync(token)).Succeeded);
    }

    [Theory]
    [InlineData(-120, 60, "expired")]
    [InlineData(120, 60, "not_yet_valid")]
    public async Task Times_outside_the_skew_are_refused_with_their_reason(int issuedSecondsFromNow, int lifetimeSeconds, string reason)
    {
        var token = _keys.Token("app", ["reader"], Now.AddSeconds(issuedSecondsFromNow), TimeSpan.FromSeconds(lifetimeSeconds));

        var result = await Validator().ValidateAsync(token);

        Assert.False(result.Succeeded);
        Assert.Equal(reason, result.Failure.Reason);
    }

    [Fact]
    public async Task A_token_expired_within_the_clock_skew_is_still_accepted()
    {
        var token = _keys.Token("app", ["reader"], Now.AddSeconds(-70), TimeSpan.FromSeconds(60));

        Assert.True((await Validator().ValidateAsync(token)).Succeeded);
    }

    [Fact]
    public async Task A_forged_token_is_refused_as_a_bad_signature()
    {
        var result = await Validator(TimeProvider.System).ValidateAsync(AuthKeys.Forged("app", "operator"));

        Assert.Equal("bad_signature", result.Failure?.Reason);
    }

    [Fact]
    public async Task The_public_key_used_as_an_HMAC_secret_is_refused()
    {
        var result = await Validator(TimeProvider.System).ValidateAsync(_keys.PublicKeyAsHmacSecret("app", "operator"));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Failure.Reason, new[] { "bad_signature", "wrong_algorithm" });
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode($$"""{"sub":"app","roles":["operator"],"exp":{{Now.AddHours(1).ToUnixTimeSeconds()}}}""");

        var result = await Validator().ValidateAsync($"{header}.{payload}.");

        Assert.False(result.Succeeded);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("")]
    public async Task Garbage_is_malformed(string token)
    {
        var result = await Validator().ValidateAsync(token);

        Assert.False(result.Succeeded);
        Assert.Equal("malformed", result.Failure.Reason);
        Assert.DoesNotContain(token.Length > 0 ? token : "\u0000", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_lifetime_above_the_maximum_is_refused()
    {
        var validator = new JwtValidator(
            new JwtValidatorOptions { Keys = [JwtKeys.LoadSecret(_keys.SecretPath)], MaxLifetime = TimeSpan.FromHours(1) }, new FixedTimeProvider(Now));

        var result = await validator.ValidateAsync(_keys.Token("app", ["reader"], Now, TimeSpan.FromDays(2)));

        Assert.Equal("bad_claims", result.Failure?.Reason);
    }

    [Fact]
    public void A_world_readable_secret_file_is_refused_with_the_fix()
    {
        File.SetUnixFileMode(_keys.SecretPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var error = Assert.Throws<AccessConfigurationException>(() => JwtKeys.LoadSecret(_keys.SecretPath));

        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_keys.Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_secret_and_a_private_key_given_as_public_key_are_refused()
    {
        var shortSecret = Path.Combine(_keys.Directory, "short.secret");
        File.WriteAllText(shortSecret, "too-short");
        File.SetUnixFileMode(shortSecret, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Contains("at least 32", Assert.Throws<AccessConfigurationException>(() => JwtKeys.LoadSecret(shortSecret)).Message, StringComparison.Ordinal);
        Assert.Contains("public key", Assert.Throws<AccessConfigurationException>(() => JwtKeys.LoadPublicKey(_keys.PrivateKeyPath)).Message, StringComparison.Ordinal);
    }

    private JwtValidator Validator(TimeProvider? time = null) => new(
        new JwtValidatorOptions { Keys = [JwtKeys.LoadSecret(_keys.SecretPath), JwtKeys.LoadPublicKey(_keys.PublicKeyPath)] },
        time ?? new FixedTimeProvider(Now));
}
