namespace Ledger.Contracts.Compliance;

/// <summary>Where a four-eyes request stands. Only <see cref="Pending"/> and <see cref="Approved"/> are open.</summary>
public enum RequestStatus : byte
{
    None = 0,

    /// <summary>Made, waiting for a second officer of the bank (until it expires).</summary>
    Pending = 1,

    /// <summary>A recovery both officers agreed to, waiting out its delay (the customer or its guardian may veto).</summary>
    Approved = 2,

    Executed = 3,

    /// <summary>Withdrawn by staff of the bank.</summary>
    Cancelled = 4,

    /// <summary>A recovery stopped by the customer's own key or its guardian.</summary>
    Vetoed = 5,

    /// <summary>Nobody approved it in time (recorded when someone closes it; views report it as soon as it is due).</summary>
    Expired = 6,
}
