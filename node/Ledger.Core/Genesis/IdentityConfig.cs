using Ledger.Core.Primitives;

namespace Ledger.Core.Genesis;

/// <summary>An account registered (KYC'd) at genesis by <paramref name="Bank"/>.</summary>
/// <param name="Jurisdiction">ISO 3166-1 alpha-2 country code of the account holder.</param>
/// <param name="KycLevel">0 none, 1 basic, 2 standard, 3 enhanced due diligence.</param>
/// <param name="ExpiresAt">Unix seconds after which the registration lapses.</param>
public sealed record IdentityConfig(Address Address, string Bank, string Jurisdiction, byte KycLevel, ulong ExpiresAt);
