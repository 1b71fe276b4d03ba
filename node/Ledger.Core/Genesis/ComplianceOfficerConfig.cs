using Ledger.Core.Primitives;

namespace Ledger.Core.Genesis;

/// <summary>A compliance officer of <paramref name="Bank"/> (a bank id) at genesis.</summary>
public sealed record ComplianceOfficerConfig(string Bank, Address Address);
