using Ledger.Core.Primitives;
using Ledger.Core.Records;

namespace Ledger.Contracts.Records;

/// <summary>
/// What a module event says about one Transfer log of the same transaction: which transfer it explains (token, from,
/// to, amount) and how each side should read it — its kind, reference and real counterparty (the recipient of a held
/// payment rather than the token's hold, the payer of a released escrow rather than the Settlement module).
/// </summary>
internal sealed class Explanation
{
    /// <summary>The token of the explained transfer; null when the event does not name it (invoices: any deposit token).</summary>
    public required Address? Token { get; init; }

    public required Address From { get; init; }

    public required Address To { get; init; }

    public required UInt256 Amount { get; init; }

    public required RecordKind Kind { get; init; }

    public Hash32 Reference { get; init; }

    /// <summary>Who the sending side paid in the end.</summary>
    public required Address FromCounterparty { get; init; }

    public Address FromVia { get; init; }

    public UInt256 FromFee { get; init; }

    /// <summary>Who the receiving side was paid by in the end.</summary>
    public required Address ToCounterparty { get; init; }

    public Address ToVia { get; init; }

    /// <summary>Set once a Transfer log was matched: one event explains one transfer.</summary>
    public bool Used { get; set; }

    public bool Explains(Address token, Address from, Address to, UInt256 amount) =>
        !Used && (Token is not { } expected || expected == token) && From == from && To == to && Amount == amount;
}
