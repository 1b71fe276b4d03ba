namespace Ledger.Execution.Processing;

/// <summary>
/// Result of a simulated call (eth_call, eth_estimateGas). <see cref="GasUsed"/> includes the intrinsic gas;
/// on a revert <see cref="Output"/> is the ABI-encoded Error(string) and <see cref="RevertReason"/> its text.
/// </summary>
public sealed record ModuleCallOutcome(bool Success, byte[] Output, ulong GasUsed, string? RevertReason);
