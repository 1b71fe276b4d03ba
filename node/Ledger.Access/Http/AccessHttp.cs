using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Ledger.Access.Http;

/// <summary>
/// The gate over HTTP: reads the <c>Authorization</c> header and the TLS client certificate of a request, keeps the
/// principal on the request (<see cref="Principal"/>) for later steps, and answers 401 with a Bearer challenge.
/// A console would call <see cref="AuthenticateAsync"/> the same way (or pass a cookie's token to the gate).
/// </summary>
public static class AccessHttp
{
    /// <summary>Authenticates <paramref name="context"/>; on success the principal is stored on the request.</summary>
    public static async ValueTask<AuthenticationResult> AuthenticateAsync(this AccessGate gate, HttpContext context, AccessSurface surface)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Request.Headers.Authorization;
        if (headers.Count > 1)
        {
            gate.Observer?.AuthenticationFailed(surface, "malformed");
            return AuthenticationResult.Fail("malformed", "send one Authorization header");
        }

        var certificate = gate.AcceptsClientCertificates ? context.Connection.ClientCertificate : null;
        var result = await gate.AuthenticateAsync(surface, headers.Count == 1 ? headers[0] : null, certificate, context.RequestAborted).ConfigureAwait(false);
        if (result.Succeeded)
        {
            context.Features.Set(new PrincipalFeature(result.Principal));
        }

        return result;
    }

    /// <summary>The principal <see cref="AuthenticateAsync"/> stored on this request, if any.</summary>
    public static AccessPrincipal? Principal(this HttpContext context) => context?.Features.Get<PrincipalFeature>()?.Principal;

    /// <summary>Sets 401 and the RFC 6750 challenge; the caller writes a body in its own format.</summary>
    public static void SetUnauthorized(HttpResponse response, AuthenticationFailure failure)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(failure);
        response.StatusCode = StatusCodes.Status401Unauthorized;
        var description = failure.Message.Replace('"', '\'');
        response.Headers[HeaderNames.WWWAuthenticate] = failure.Reason == AuthenticationFailure.Missing.Reason
            ? "Bearer realm=\"ledger\""
            : $"Bearer realm=\"ledger\", error=\"invalid_token\", error_description=\"{description}\"";
    }

    /// <summary>The remote address for the audit log.</summary>
    public static string? Remote(this HttpContext context) => context?.Connection.RemoteIpAddress?.ToString();

    private sealed record PrincipalFeature(AccessPrincipal Principal);
}
