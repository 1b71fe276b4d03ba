using Ledger.Core.Primitives;

namespace Ledger.Chaos.Workload;

/// <summary>
/// One signed payment of the workload: its bytes and hash, who sends it with which nonce, and the balance changes it makes
/// if it commits successfully (so the audit can predict every tracked balance from the committed set alone).
/// </summary>
public sealed record Payment(
    int Id,
    PaymentKind Kind,
    int Sender,
    ulong Nonce,
    byte[] Raw,
    string Hash,
    IReadOnlyList<TokenDelta> Deltas)
{
    /// <summary>For a payment signed again for the same nonce after the first was dropped: the first one's id.</summary>
    public int? Replaces { get; init; }
}
