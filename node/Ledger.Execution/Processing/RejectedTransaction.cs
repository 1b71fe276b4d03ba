using Ledger.Core.Transactions;

namespace Ledger.Execution.Processing;

/// <summary>A candidate a producer left out of its block, and why (it would have made the block invalid).</summary>
public sealed record RejectedTransaction(SignedTransaction Transaction, string Reason);
