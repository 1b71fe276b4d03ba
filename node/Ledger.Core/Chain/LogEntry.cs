using Ledger.Core.Primitives;

namespace Ledger.Core.Chain;

/// <summary>An Ethereum-style log emitted by a module: the emitting address, up to four topics and data.</summary>
public sealed record LogEntry(Address Address, IReadOnlyList<Hash32> Topics, byte[] Data);
