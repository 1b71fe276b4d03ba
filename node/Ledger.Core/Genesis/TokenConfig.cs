using Ledger.Core.Primitives;

namespace Ledger.Core.Genesis;

/// <summary>A deposit token: one per issuing bank and currency, served by the DepositToken module at <paramref name="Address"/>.</summary>
/// <param name="Symbol">1–11 characters A–Z/0–9, unique in the chain.</param>
/// <param name="Currency">ISO 4217 code of the fiat deposit backing it, e.g. "EUR".</param>
/// <param name="Decimals">0–18; one whole unit is 10^Decimals base units.</param>
/// <param name="Issuer">Id of the issuing bank, whose operator alone may mint and burn.</param>
public sealed record TokenConfig(Address Address, string Symbol, string Name, string Currency, byte Decimals, string Issuer);
