using Ledger.Core.Primitives;

namespace Ledger.Execution.Processing;

/// <summary>The block a transaction executes in, as modules see it.</summary>
public sealed record BlockContext(ulong Number, ulong TimestampMs, Address Proposer, ulong GasLimit, ulong ChainId);
