namespace Ledger.Chaos.Checks;

/// <summary>What the observer keeps of a block: identity, link, state root and the transaction hashes (lower-case hex).</summary>
public sealed record BlockSummary(ulong Number, string Hash, string ParentHash, string StateRoot, IReadOnlyList<string> Transactions);
