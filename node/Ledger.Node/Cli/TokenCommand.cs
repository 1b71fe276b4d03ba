using System.CommandLine;
using System.Globalization;
using Ledger.Access;
using Ledger.Access.Policy;
using Ledger.Access.Tokens;
using Ledger.Core.Primitives;

namespace Ledger.Node.Cli;

/// <summary>
/// <c>ledger token issue</c>: mints a bearer token for an app, signed with the HS256 secret file the node trusts or with
/// an ES256/RS256 private key whose public half is in the node's <c>auth.jwt.publicKeys</c>. The token goes to standard
/// output alone (so <c>TOKEN=$(ledger token issue …)</c> works); a summary without the token goes to standard error.
/// </summary>
public static class TokenCommand
{
    public static Command Create()
    {
        var subject = new Option<string>("--subject") { Description = "Who the token is for (an app or person name); recorded in the audit log.", Required = true };
        var roles = new Option<string[]>("--role") { Description = "Role to grant (reader, submitter, operator, regulator, monitor, or one from the node's auth.roles); repeatable.", Required = true, AllowMultipleArgumentsPerToken = true };
        var secretFile = new Option<FileInfo>("--secret-file") { Description = "HS256 secret file the node has as auth.jwt.hs256SecretFile." };
        var keyFile = new Option<FileInfo>("--key-file") { Description = "PEM private key (P-256 → ES256, RSA → RS256) whose public key the node lists in auth.jwt.publicKeys." };
        var ttl = new Option<string>("--ttl") { Description = "Lifetime: 90s, 15m, 1h, 7d (default 1h; at most 366d).", DefaultValueFactory = _ => "1h" };
        var accounts = new Option<string[]>("--accounts") { Description = "Limit account-scoped calls (gRPC history and account) to these 0x addresses; comma-separated or repeated.", AllowMultipleArgumentsPerToken = true };
        var issuer = new Option<string>("--issuer") { Description = "iss claim (when the node checks auth.jwt.issuer)." };
        var audience = new Option<string>("--audience") { Description = "aud claim (when the node checks auth.jwt.audience)." };
        secretFile.AcceptExistingOnly();
        keyFile.AcceptExistingOnly();
        var issue = new Command("issue", "Mint a bearer token (JWT) for an app.")
        {
            subject, roles, secretFile, keyFile, ttl, accounts, issuer, audience,
        };
        issue.SetAction(async (parse, _) =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var lifetime = ParseDuration(parse.GetValue(ttl)!);
                var granted = parse.GetRequiredValue(roles).SelectMany(Split).Distinct(StringComparer.Ordinal).ToArray();
                var scoped = parse.GetValue(accounts) is { Length: > 0 } list ? list.SelectMany(Split).Select(ParseAccount).ToArray() : null;
                var credentials = JwtIssuer.LoadCredentials(parse.GetValue(secretFile)?.FullName, parse.GetValue(keyFile)?.FullName);
                var now = DateTimeOffset.UtcNow;
                var token = JwtIssuer.Issue(credentials, parse.GetRequiredValue(subject), granted, now, lifetime, scoped, parse.GetValue(issuer), parse.GetValue(audience));
                foreach (var role in granted.Where(r => !DefaultRoles.All.Any(d => d.Name == r)))
                {
                    await error.WriteLineAsync($"ledger: note: '{role}' is not a default role; the node must define it in auth.roles").ConfigureAwait(false);
                }

                await parse.InvocationConfiguration.Output.WriteLineAsync(token).ConfigureAwait(false);
                await error.WriteLineAsync(
                    $"ledger: {credentials.Algorithm} token for '{parse.GetRequiredValue(subject)}' (roles: {string.Join(", ", granted)}" +
                    $"{(scoped is null ? "" : $"; {scoped.Length} account(s)")}) valid until {(now + lifetime).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}; treat it as a password").ConfigureAwait(false);
                return 0;
            }
            catch (AccessConfigurationException ex)
            {
                await error.WriteLineAsync($"ledger: {ex.Message}").ConfigureAwait(false);
                return LedgerCli.SetupErrorExitCode;
            }
        });
        return new Command("token", "Bearer tokens for the node's client APIs (docs/security.md).") { issue };
    }

    /// <summary>"90s", "15m", "1h", "7d" → a positive duration; throws <see cref="AccessConfigurationException"/> otherwise.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= 1_000_000)
        {
            switch (text[^1])
            {
                case 's':
                    return TimeSpan.FromSeconds(n);
                case 'm':
                    return TimeSpan.FromMinutes(n);
                case 'h':
                    return TimeSpan.FromHours(n);
                case 'd':
                    return TimeSpan.FromDays(n);
            }
        }

        throw new AccessConfigurationException($"--ttl '{text}' is not a duration (a positive number then s, m, h or d: 90s, 15m, 1h, 7d)");
    }

    private static IEnumerable<string> Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Address ParseAccount(string text) =>
        Address.TryParse(text, out var address) ? address : throw new AccessConfigurationException($"--accounts: '{text}' is not a 0x address");
}
