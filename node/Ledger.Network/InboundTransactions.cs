using Ledger.Core.Primitives;

namespace Ledger.Network;

/// <summary>Raw signed transactions gossiped by <paramref name="From"/>; undecoded and unverified (the pool does both).</summary>
public sealed record InboundTransactions(Address From, IReadOnlyList<byte[]> Transactions);
