using Ledger.Core.Transactions;

namespace Ledger.Execution.Processing;

/// <summary>What <see cref="BlockExecutor.Build"/> produced: the executed block contents and the candidates it skipped.</summary>
public sealed record BlockBuildResult(
    IReadOnlyList<SignedTransaction> Transactions,
    BlockExecutionResult Result,
    IReadOnlyList<RejectedTransaction> Rejected);
