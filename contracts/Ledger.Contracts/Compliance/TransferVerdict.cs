using Ledger.Core.Primitives;

namespace Ledger.Contracts.Compliance;

/// <summary>
/// What <see cref="TransferPolicy"/> decided and the state it read on the way, which the token reuses to apply
/// the transfer (balances, the day's spending) instead of reading it twice. The reason text is built only on
/// demand (<see cref="TransferPolicy.Describe"/>): a successful transfer never formats a string.
/// </summary>
public struct TransferVerdict
{
    public TransferRule Rule;
    public UInt256 FromBalance;

    /// <summary>The receiver's balance before the credit (for a transfer to oneself: after the debit).</summary>
    public UInt256 ToBalance;
    public UInt256 Locked;

    /// <summary>The limit that refused the transfer, or the daily limit in force.</summary>
    public UInt256 Limit;
    public LimitSource LimitSource;

    /// <summary>Set when the sender's spending of <see cref="Day"/> must be recorded as <see cref="DailySpentAfter"/>.</summary>
    public bool TrackDaily;
    public ulong Day;
    public UInt256 DailySpent;
    public UInt256 DailySpentAfter;
    public Address Guardian;
    public UInt256 Threshold;

    public readonly bool IsAllowed => Rule is TransferRule.Allowed or TransferRule.Held;
}
