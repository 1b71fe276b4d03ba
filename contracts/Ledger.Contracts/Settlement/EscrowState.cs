namespace Ledger.Contracts.Settlement;

/// <summary>Where an escrow stands. Open is the only state with a way out; the other three are final.</summary>
public enum EscrowState : byte
{
    None = 0,
    Open = 1,
    Approved = 2,
    Rejected = 3,
    Reclaimed = 4,
}
