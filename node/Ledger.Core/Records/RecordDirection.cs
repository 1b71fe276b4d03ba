namespace Ledger.Core.Records;

/// <summary>How a record changed its account's balance.</summary>
public enum RecordDirection : byte
{
    /// <summary>No balance change: the outcome of something that moved money earlier or elsewhere (a held payment released,
    /// an escrow approved, a payment to oneself); <see cref="AccountRecord.Amount"/> still says how much it was about.</summary>
    None = 0,

    /// <summary>The balance went up by the amount.</summary>
    In = 1,

    /// <summary>The balance went down by the amount.</summary>
    Out = 2,
}
