namespace Ledger.Access.Tokens;

/// <summary>The JWT claims the node reads, and their bounds.</summary>
public static class TokenClaims
{
    /// <summary>Who: an app or person name; recorded in the audit log.</summary>
    public const string Subject = "sub";

    /// <summary>Role names (an array of strings; one string is accepted too). <c>role</c> is read as well.</summary>
    public const string Roles = "roles";

    public const string Role = "role";

    /// <summary>Addresses a customer app's token is limited to for account-scoped calls (array of 0x addresses).</summary>
    public const string Accounts = "accounts";

    public const int MaxSubjectLength = 256;

    public const int MaxRoles = 32;

    public const int MaxRoleLength = 64;

    public const int MaxAccounts = 1_000;

    /// <summary>Largest token accepted: far above a real one (a few hundred bytes), far below a header limit.</summary>
    public const int MaxTokenBytes = 16 * 1024;
}
