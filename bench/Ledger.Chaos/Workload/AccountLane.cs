namespace Ledger.Chaos.Workload;

/// <summary>One account's nonce sequence: the next nonce to sign, the committed nonce, and the uncommitted payment of each nonce.</summary>
internal sealed class AccountLane(int index, ulong firstNonce, long seed)
{
    public Lock Sync { get; } = new();

    public int Index { get; } = index;

    public ulong NextNonce { get; set; } = firstNonce;

    public ulong Committed { get; set; } = firstNonce;

    /// <summary>Uncommitted payments by nonce (the current one when a dropped payment was replaced).</summary>
    public SortedDictionary<ulong, PaymentRecord> InFlight { get; } = [];

    /// <summary>A send of this lane is still looking for a node that acknowledges it.</summary>
    public bool Sending { get; set; }

    public TimeSpan LastProgress { get; set; }

    /// <summary>Node choice per lane, seeded, so lanes do not share a <see cref="System.Random"/> across threads.</summary>
    public Random Random { get; } = new(unchecked((int)seed * 7 + index));
}
