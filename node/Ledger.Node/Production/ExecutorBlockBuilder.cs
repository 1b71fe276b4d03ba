using Ledger.Core.Transactions;
using Ledger.Execution.Processing;
using Ledger.Execution.State;

namespace Ledger.Node.Production;

/// <summary>The production <see cref="IBlockBuilder"/>: <see cref="BlockExecutor.Build"/> on the head state.</summary>
public sealed class ExecutorBlockBuilder(BlockExecutor executor) : IBlockBuilder
{
    public BlockBuildResult Build(IStateView parent, BlockContext context, IReadOnlyList<SignedTransaction> candidates, int maxTransactions) =>
        executor.Build(parent, context, candidates, maxTransactions);
}
