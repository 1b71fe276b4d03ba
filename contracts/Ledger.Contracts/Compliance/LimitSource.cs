namespace Ledger.Contracts.Compliance;

/// <summary>Where the limits in force for an account come from: an account record overrides its jurisdiction's.</summary>
public enum LimitSource : byte
{
    None = 0,
    Jurisdiction = 1,
    Account = 2,
}
