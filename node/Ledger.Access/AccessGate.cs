using System.Security.Cryptography.X509Certificates;
using Ledger.Access.Audit;
using Ledger.Access.Policy;

namespace Ledger.Access;

/// <summary>
/// The one access layer in front of every client surface (JSON-RPC over HTTP and WebSocket, the gRPC client API,
/// /metrics, and the future console): authenticates a request (bearer JWT or the TLS client certificate), authorizes a
/// method against the role allowlists, and writes privileged calls to the audit log. The peer service is not a client
/// surface and never comes here: peers are authenticated by the consortium handshake.
/// A surface uses it in three steps: <see cref="AuthenticateAsync"/> once per request or connection,
/// <see cref="Authorize"/> per call, and <see cref="Audit"/> after a call whose decision says <c>Audited</c>.
/// </summary>
public sealed class AccessGate : IDisposable
{
    private const string BearerPrefix = "Bearer ";

    private readonly AccessGateOptions _options;

    public AccessGate(AccessGateOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>A gate that lets everyone call everything (dev/testnet on loopback, <c>--insecure-no-auth</c>).</summary>
    public static AccessGate Open { get; } = new(new AccessGateOptions());

    /// <summary>True when a request must carry a token or a mapped client certificate.</summary>
    public bool RequiresAuthentication => _options.Tokens is not null || _options.Certificates is not null;

    public bool AcceptsClientCertificates => _options.Certificates is not null;

    public bool MetricsRequireAuthentication => _options.MetricsRequireAuthentication && RequiresAuthentication;

    public AccessPolicy Policy => _options.Policy;

    public AuditLog? AuditLog => _options.Audit;

    /// <summary>Receives failure and denial counts; set once the node's metrics exist.</summary>
    public IAccessObserver? Observer { get; set; }

    /// <summary>
    /// Authenticates from an <c>Authorization</c> header value and/or the connection's client certificate (already
    /// verified by TLS against the client CA). A header, when present, decides: a bad token is refused even if a
    /// certificate came along, so a client never silently runs with other rights than it asked for.
    /// </summary>
    public async ValueTask<AuthenticationResult> AuthenticateAsync(
        AccessSurface surface, string? authorization, X509Certificate2? certificate, CancellationToken cancellationToken = default)
    {
        if (!RequiresAuthentication)
        {
            return AuthenticationResult.Success(AccessPrincipal.Anonymous);
        }

        AuthenticationResult result;
        if (!string.IsNullOrEmpty(authorization))
        {
            result = authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
                ? await AuthenticateTokenAsync(authorization[BearerPrefix.Length..].Trim(), cancellationToken).ConfigureAwait(false)
                : AuthenticationResult.Fail("malformed", "the Authorization header must be 'Bearer <token>'");
        }
        else if (certificate is not null && _options.Certificates is { } mapper)
        {
            result = mapper.Map(certificate);
        }
        else
        {
            result = AuthenticationResult.Fail(AuthenticationFailure.Missing);
        }

        if (!result.Succeeded)
        {
            Observer?.AuthenticationFailed(surface, result.Failure.Reason);
        }

        return result;
    }

    /// <summary>Checks the policy for one call. A refusal is counted; the caller still audits it when <c>Audited</c>.</summary>
    public AccessDecision Authorize(AccessPrincipal principal, string method)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(method);
        var audited = _options.Audit is not null && Policy.IsPrivileged(method);
        if (!Policy.Allows(principal, method))
        {
            Observer?.Denied(method);
            var granting = Policy.RolesGranting(method).ToList();
            var needs = granting.Count == 0 ? "no role on this node grants it" : $"it needs the role {string.Join(" or ", granting)}";
            return AccessDecision.Deny(audited, $"{method} is not allowed for {principal.Describe()}: {needs}");
        }

        if (audited && !_options.Audit!.IsAvailable)
        {
            // Fail closed: a privileged call that cannot be recorded does not run.
            Observer?.AuditFailed();
            return AccessDecision.Deny(audited: false, $"{method} is refused: the audit log '{_options.Audit.Path}' cannot be written (privileged calls wait until it can)");
        }

        return AccessDecision.Allow(audited);
    }

    /// <summary>Records an audited call; false (and counted) when the record could not be written.</summary>
    public bool Audit(
        AccessPrincipal principal, AccessSurface surface, string method, ReadOnlySpan<byte> canonicalParameters, string result, int? code, string? remote)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (_options.Audit is not { } log)
        {
            return true;
        }

        var written = log.TryAppend(new AuditRecord
        {
            Time = _options.Time.GetUtcNow(),
            Subject = principal.Subject,
            Roles = principal.Roles,
            Kind = principal.Kind,
            Surface = surface,
            Method = method,
            ParamsSha256 = AuditLog.Digest(canonicalParameters),
            Result = result,
            Code = code,
            Remote = remote,
        });
        if (!written)
        {
            Observer?.AuditFailed();
        }

        return written;
    }

    public void Dispose() => _options.Audit?.Dispose();

    private async ValueTask<AuthenticationResult> AuthenticateTokenAsync(string token, CancellationToken cancellationToken) =>
        _options.Tokens is { } tokens
            ? await tokens.ValidateAsync(token, cancellationToken).ConfigureAwait(false)
            : AuthenticationResult.Fail("bad_signature", "bearer tokens are not accepted on this node (no key configured); use a client certificate");
}
