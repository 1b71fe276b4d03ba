using Ledger.Core.Transactions;

namespace Ledger.JsonRpc.Modules;

/// <summary>
/// What one txpool_content / txpool_inspect / eth_pendingTransactions call lists. <see cref="Paged"/> is false
/// for the call without arguments (geth's result shape); a paged call adds <see cref="Cursor"/>: where the next
/// page starts, or null after the last page.
/// </summary>
internal sealed record PoolPage(IReadOnlyList<SignedTransaction> Transactions, bool Paged, string? Cursor);
