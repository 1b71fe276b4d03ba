namespace Ledger.Contracts.Compliance;

/// <summary>The roles a key can hold inside one bank (stored as bits beside the bank index).</summary>
[Flags]
public enum StaffRoles : byte
{
    None = 0,
    BankOperator = 1,
    ComplianceOfficer = 2,
}
