using System.Diagnostics.CodeAnalysis;

namespace Ledger.Access;

/// <summary>A principal, or the reason there is none.</summary>
public readonly record struct AuthenticationResult(AccessPrincipal? Principal, AuthenticationFailure? Failure)
{
    [MemberNotNullWhen(true, nameof(Principal))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Principal is not null;

    public static AuthenticationResult Success(AccessPrincipal principal) => new(principal, null);

    public static AuthenticationResult Fail(AuthenticationFailure failure) => new(null, failure);

    public static AuthenticationResult Fail(string reason, string message) => new(null, new AuthenticationFailure(reason, message));
}
