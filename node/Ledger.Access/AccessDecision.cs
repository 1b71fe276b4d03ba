namespace Ledger.Access;

/// <summary>
/// The gate's answer for one call: allowed or not (with the sentence the client gets), and whether the call is
/// privileged, so its outcome goes to the audit log.
/// </summary>
public readonly record struct AccessDecision(bool Allowed, bool Audited, string? Denial)
{
    public static AccessDecision Allow(bool audited) => new(true, audited, null);

    public static AccessDecision Deny(bool audited, string denial) => new(false, audited, denial);
}
