namespace Ledger.Chaos.Checks;

/// <summary>
/// What became of the workload's payments (see docs/RELIABILITY.md, "What lost means"): signed; acknowledged by at least
/// one node; committed; acknowledged and then reported dropped by a node with a reason; resent because every node that
/// answered said "unknown" (and of those, resent after a node that had acknowledged them crashed); lost.
/// </summary>
public sealed record AckSummary(
    int Signed,
    int Acknowledged,
    int Committed,
    int CommittedUnacknowledged,
    int DroppedWithReason,
    int Resent,
    int ResentAfterCrash,
    int Lost,
    int Forgotten,
    int Reverted);
