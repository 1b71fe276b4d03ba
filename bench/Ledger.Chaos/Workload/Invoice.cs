using Ledger.Core.Primitives;

namespace Ledger.Chaos.Workload;

/// <summary>An invoice the setup created (id from the Merchant module), paid at most once by the workload.</summary>
public sealed record Invoice(ulong Id, int Merchant, Address MerchantAddress, ulong Amount);
