namespace Ledger.Chaos.Workload;

/// <summary>What the setup left on chain: the invoices to pay, until when quotes may be valid, and the block it ended at.</summary>
public sealed record SetupResult(IReadOnlyList<Invoice> Invoices, ulong QuoteExpiry, ulong Block);
