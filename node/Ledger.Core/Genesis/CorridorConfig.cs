namespace Ledger.Core.Genesis;

/// <summary>A cross-border corridor: transfers between the two jurisdictions (ISO 3166-1 alpha-2) are allowed, both ways.</summary>
public sealed record CorridorConfig(string JurisdictionA, string JurisdictionB);
