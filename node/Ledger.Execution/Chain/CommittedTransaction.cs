using Ledger.Core.Chain;
using Ledger.Core.Transactions;

namespace Ledger.Execution.Chain;

/// <summary>
/// A committed transaction as a lookup by hash finds it: its block's header (not the whole block), its position, its
/// receipt, and how many logs the block's earlier transactions emitted (log indexes count within the block).
/// </summary>
public sealed record CommittedTransaction(BlockHeader Header, SignedTransaction Transaction, int Index, Receipt Receipt, int FirstLogIndex);
