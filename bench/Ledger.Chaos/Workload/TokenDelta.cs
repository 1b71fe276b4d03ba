using Ledger.Core.Primitives;

namespace Ledger.Chaos.Workload;

/// <summary>What a committed, successful payment does to one balance: <paramref name="Amount"/> added (or taken when negative).</summary>
public readonly record struct TokenDelta(Address Token, Address Account, System.Numerics.BigInteger Amount);
