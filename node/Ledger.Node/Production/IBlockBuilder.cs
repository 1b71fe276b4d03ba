using Ledger.Core.Transactions;
using Ledger.Execution.Processing;
using Ledger.Execution.State;

namespace Ledger.Node.Production;

/// <summary>
/// Executes pool candidates into a block's contents. The producer uses <see cref="BlockExecutor.Build"/>; the seam
/// lets tests make execution refuse a transaction (e.g. a nonce made stale by a race) to check that production
/// drops it and goes on.
/// </summary>
public interface IBlockBuilder
{
    BlockBuildResult Build(IStateView parent, BlockContext context, IReadOnlyList<SignedTransaction> candidates, int maxTransactions);
}
