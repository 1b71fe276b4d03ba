using Ledger.Core.Primitives;

namespace Ledger.JsonRpc;

/// <summary>
/// Where an acknowledged transaction stands (ledger_getTransactionStatus, the gRPC API, the wallet): committed with
/// its location, pending, queued behind a missing nonce, dropped with the reason, or unknown to this node.
/// </summary>
public sealed record TransactionStatusInfo(
    TransactionStatusKind Kind,
    TransactionLocation? Location = null,
    ulong? WaitingForNonce = null,
    string? Reason = null,
    string? Detail = null,
    Hash32? ReplacedBy = null)
{
    public static TransactionStatusInfo Unknown { get; } = new(TransactionStatusKind.Unknown);

    public static TransactionStatusInfo Pending { get; } = new(TransactionStatusKind.Pending);

    /// <summary>The wire name: pending, queued, committed, dropped or unknown.</summary>
    public string Name => Kind switch
    {
        TransactionStatusKind.Pending => "pending",
        TransactionStatusKind.Queued => "queued",
        TransactionStatusKind.Committed => "committed",
        TransactionStatusKind.Dropped => "dropped",
        _ => "unknown",
    };
}
