namespace Ledger.Contracts.Settlement;

/// <summary>Where an HTLC stands. Locked is the only state with a way out; Claimed and Refunded are final.</summary>
public enum HtlcState : byte
{
    None = 0,
    Locked = 1,
    Claimed = 2,
    Refunded = 3,
}
