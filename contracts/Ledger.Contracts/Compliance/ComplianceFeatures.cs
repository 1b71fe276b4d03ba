namespace Ledger.Contracts.Compliance;

/// <summary>
/// Which kinds of rule have ever been configured on the chain. The transfer check reads this one word first and
/// skips the storage reads of every rule kind nobody uses, so a chain without freezes or limits pays for neither.
/// Bits are only ever set, never cleared (clearing would need to know that no record of that kind is left).
/// </summary>
[Flags]
public enum ComplianceFeatures : byte
{
    None = 0,
    Freezes = 1,
    Limits = 2,

    /// <summary>Some daily limit exists: from then on every transfer records the sender's usage of the day.</summary>
    DailyLimits = 4,
}
