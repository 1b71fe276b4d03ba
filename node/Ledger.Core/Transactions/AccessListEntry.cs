using Ledger.Core.Primitives;

namespace Ledger.Core.Transactions;

public sealed record AccessListEntry(Address Address, IReadOnlyList<Hash32> StorageKeys);
