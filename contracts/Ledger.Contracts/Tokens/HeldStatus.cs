namespace Ledger.Contracts.Tokens;

/// <summary>Where a held transfer stands (0 = no such transfer).</summary>
public enum HeldStatus : byte
{
    None = 0,
    Pending = 1,
    Released = 2,
    Returned = 3,
}
