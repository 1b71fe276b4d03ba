namespace Ledger.Execution.Indexing;

/// <summary>Where a (re)build of the account index stands: blocks [0, <see cref="NextBlock"/>) are indexed, of 0..<see cref="Head"/>.</summary>
public sealed record AccountIndexProgress(ulong NextBlock, ulong Head, long Records, bool Done);
