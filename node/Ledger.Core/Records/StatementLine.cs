using System.Numerics;

namespace Ledger.Core.Records;

/// <summary>
/// What went out and came in for one group of records (a token, a counterparty, a kind), in the token's base units.
/// <see cref="Spent"/> is net of money that came back (cancelled holds, returned escrows, refunds) and
/// <see cref="Received"/> net of refunds paid out, so <c>Received − Spent</c> is always the balance change.
/// </summary>
public sealed record StatementLine(BigInteger Received, BigInteger Spent, BigInteger Returned, int Payments, int Receipts)
{
    public static StatementLine Empty { get; } = new(BigInteger.Zero, BigInteger.Zero, BigInteger.Zero, 0, 0);

    /// <summary>The balance change over the records summed.</summary>
    public BigInteger Net => Received - Spent;

    /// <summary>Adds one record (a record that changes no balance leaves the sums as they are).</summary>
    public StatementLine Add(AccountRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var amount = record.Amount.ToBigInteger();
        var isReturn = record.Kind.IsReturn();
        return record.Direction switch
        {
            // Money coming back from an earlier payment lowers the spending instead of counting as income.
            RecordDirection.In when isReturn => this with { Spent = Spent - amount, Returned = Returned + amount },
            RecordDirection.In => this with { Received = Received + amount, Receipts = Receipts + 1 },
            // A refund the account paid out (a merchant's) lowers what it received.
            RecordDirection.Out when isReturn => this with { Received = Received - amount },
            RecordDirection.Out => this with { Spent = Spent + amount, Payments = Payments + 1 },
            _ => this,
        };
    }
}
