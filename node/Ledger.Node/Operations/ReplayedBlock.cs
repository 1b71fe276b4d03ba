using Ledger.Core.Chain;
using Ledger.Execution.Processing;

namespace Ledger.Node.Operations;

/// <summary>A verified block with the result of re-executing it on its parent: ready to commit.</summary>
public sealed record ReplayedBlock(Block Block, BlockExecutionResult Result);
