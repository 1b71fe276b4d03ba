using Ledger.Core.Primitives;

namespace Ledger.Core.Chain;

/// <summary>
/// The outcome of one transaction in a block. A reverted transaction has <see cref="Success"/> false,
/// no logs, and <see cref="RevertData"/> holding the ABI-encoded <c>Error(string)</c> reason.
/// </summary>
public sealed record Receipt
{
    public required Hash32 TransactionHash { get; init; }

    public required bool Success { get; init; }

    public required ulong GasUsed { get; init; }

    public required ulong CumulativeGasUsed { get; init; }

    public required IReadOnlyList<LogEntry> Logs { get; init; }

    public byte[] RevertData { get; init; } = [];

    /// <summary>The call's return data (empty for most state-changing calls).</summary>
    public byte[] Output { get; init; } = [];
}
