using System.Numerics;
using Ledger.Core.Primitives;

namespace Ledger.Core.Records;

/// <summary>
/// One thing that happened to one account in one token: the real counterparty (the recipient of a held payment, not the
/// token's escrow; the payer of a released escrow, not the Settlement module), the signed amount, what it was
/// (<see cref="Kind"/>), the module's reference (invoice, escrow, HTLC or held-transfer id; quote hash; bank reference)
/// and where it sits in the chain. Records are derived at commit time from the block's transactions, receipts and logs.
/// </summary>
public sealed record AccountRecord
{
    public required Address Account { get; init; }

    public required Address Token { get; init; }

    public required RecordKind Kind { get; init; }

    public required RecordDirection Direction { get; init; }

    /// <summary>Base units; the balance change is <see cref="Change"/>.</summary>
    public required UInt256 Amount { get; init; }

    /// <summary>The other party: a person, a merchant, an FX provider's customer; zero for a redemption (the bank pays out off-ledger).</summary>
    public required Address Counterparty { get; init; }

    /// <summary>Where the money passed on its way, when not straight to the counterparty: the token (held), the Settlement module, the FX provider.</summary>
    public Address Via { get; init; }

    /// <summary>The id or reference of what this was part of (ids as big-endian numbers); zero when none.</summary>
    public Hash32 Reference { get; init; }

    /// <summary>A fee included in <see cref="Amount"/> (an FX payer's leg); zero when none.</summary>
    public UInt256 Fee { get; init; }

    public required ulong BlockNumber { get; init; }

    /// <summary>Position among the block's records (the index's tie-break within a block).</summary>
    public required int Sequence { get; init; }

    /// <summary>The transaction's index in its block (0 for genesis records).</summary>
    public required int TransactionIndex { get; init; }

    /// <summary>Block-wide index of the log this record comes from (the Transfer, or the module event of a record without one).</summary>
    public required int LogIndex { get; init; }

    public required ulong TimestampMs { get; init; }

    /// <summary>Zero for genesis records.</summary>
    public required Hash32 TransactionHash { get; init; }

    /// <summary>The balance change: +amount in, −amount out, 0 for an outcome record.</summary>
    public BigInteger Change => Direction switch
    {
        RecordDirection.In => Amount.ToBigInteger(),
        RecordDirection.Out => -Amount.ToBigInteger(),
        _ => BigInteger.Zero,
    };
}
