using Ledger.Core.Primitives;

namespace Ledger.Core.Genesis;

/// <summary>A consortium bank: <paramref name="Operator"/> is its key for issuing tokens and registering customers.</summary>
/// <param name="Id">Short stable id such as "bank-a" (lowercase letters, digits, '-').</param>
/// <param name="Jurisdiction">ISO 3166-1 alpha-2 country code, e.g. "US".</param>
public sealed record BankConfig(string Id, string Name, Address Operator, string Jurisdiction);
