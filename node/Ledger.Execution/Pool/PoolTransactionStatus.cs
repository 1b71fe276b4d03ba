using Ledger.Core.Primitives;

namespace Ledger.Execution.Pool;

/// <summary>
/// The pool's answer for one hash. <see cref="WaitingForNonce"/> is set when queued; <see cref="Reason"/>,
/// <see cref="Detail"/> (a sentence) and, for a replacement, <see cref="ReplacedBy"/> when dropped.
/// </summary>
public readonly record struct PoolTransactionStatus(
    PoolTransactionState State,
    ulong? WaitingForNonce = null,
    PoolDropReason? Reason = null,
    string? Detail = null,
    Hash32? ReplacedBy = null,
    long DroppedAtMs = 0)
{
    public static PoolTransactionStatus Unknown { get; } = new(PoolTransactionState.Unknown);
}
