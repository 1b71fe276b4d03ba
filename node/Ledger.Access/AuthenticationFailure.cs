namespace Ledger.Access;

/// <summary>
/// Why a request was not authenticated: a short stable <see cref="Reason"/> (metric label: missing, malformed, expired,
/// not_yet_valid, issued_in_future, bad_signature, wrong_algorithm, wrong_issuer, wrong_audience, bad_claims,
/// unknown_certificate, invalid) and a sentence for the client. Neither ever contains the credential itself.
/// </summary>
public sealed record AuthenticationFailure(string Reason, string Message)
{
    public static AuthenticationFailure Missing { get; } = new(
        "missing", "authentication required: send 'Authorization: Bearer <token>' or a client certificate");
}
