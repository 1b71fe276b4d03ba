namespace Ledger.Node.Operations;

/// <summary>What <see cref="ChainImporter.Import"/> did: blocks already present (checked equal) and blocks verified and committed.</summary>
public sealed record ImportReport(ulong AlreadyPresent, ulong Imported, ulong Transactions, ulong Head, TimeSpan Elapsed);
