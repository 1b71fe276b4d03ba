using System.Numerics;
using Ledger.Core.Primitives;
using Ledger.Core.Records;

namespace Ledger.Core.Tests.Records;

/// <summary>
/// The statement's arithmetic: money that comes back (a cancelled hold, a returned escrow, a refund) lowers spending
/// instead of counting as income, tokens are never added together, and received − spent is the balance change.
/// </summary>
public sealed class RecordStatementTests
{
    private static readonly Address Usda = Address.Parse("0x2000000000000000000000000000000000000001");
    private static readonly Address Eurb = Address.Parse("0x2000000000000000000000000000000000000003");
    private static readonly Address Carol = Address.Parse("0x90F79bf6EB2c4f870365E785982E1f101E93b906");
    private static readonly Address Shop = Address.Parse("0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc");

    [Fact]
    public void A_cancelled_hold_is_neither_spent_nor_received()
    {
        var statement = RecordStatement.Build(
        [
            Record(RecordKind.Held, RecordDirection.Out, 150_000, Carol),
            Record(RecordKind.HeldCancelled, RecordDirection.In, 150_000, Carol),
            Record(RecordKind.Transfer, RecordDirection.Out, 2_500, Carol),
        ]);

        var usda = Assert.Single(statement.Tokens);
        Assert.Equal((new BigInteger(2_500), BigInteger.Zero, new BigInteger(150_000), 2), (usda.Total.Spent, usda.Total.Received, usda.Total.Returned, usda.Total.Payments));
        Assert.Equal(new BigInteger(-2_500), usda.Total.Net);
        Assert.Equal(new BigInteger(2_500), Assert.Single(usda.ByCounterparty).Line.Spent);
    }

    [Fact]
    public void A_refund_lowers_the_payers_spending_and_the_merchants_income()
    {
        var payer = RecordStatement.Build([Record(RecordKind.InvoicePayment, RecordDirection.Out, 420, Shop), Record(RecordKind.InvoiceRefund, RecordDirection.In, 100, Shop)]);
        var merchant = RecordStatement.Build([Record(RecordKind.InvoicePayment, RecordDirection.In, 420, Carol), Record(RecordKind.InvoiceRefund, RecordDirection.Out, 100, Carol)]);

        Assert.Equal((new BigInteger(320), BigInteger.Zero), (payer.Tokens[0].Total.Spent, payer.Tokens[0].Total.Received));
        Assert.Equal((BigInteger.Zero, new BigInteger(320)), (merchant.Tokens[0].Total.Spent, merchant.Tokens[0].Total.Received));
    }

    [Fact]
    public void Tokens_stay_apart_and_outcome_records_change_nothing()
    {
        var statement = RecordStatement.Build(
        [
            Record(RecordKind.Transfer, RecordDirection.Out, 350_000, Carol),
            Record(RecordKind.InvoicePayment, RecordDirection.Out, 378, Shop) with { Token = Eurb },
            Record(RecordKind.HeldReleased, RecordDirection.None, 99_999, Carol),
            Record(RecordKind.Transfer, RecordDirection.In, 1_000, Shop),
        ]);

        Assert.Equal([Usda, Eurb], statement.Tokens.Select(t => t.Token));
        Assert.Equal((new BigInteger(350_000), new BigInteger(1_000)), (statement.Tokens[0].Total.Spent, statement.Tokens[0].Total.Received));
        Assert.Equal(new BigInteger(378), statement.Tokens[1].Total.Spent);
        Assert.Equal(4, statement.Records);
        Assert.Equal([RecordKind.Transfer, RecordKind.HeldReleased], statement.Tokens[0].ByKind.Select(k => k.Kind));
    }

    private static AccountRecord Record(RecordKind kind, RecordDirection direction, ulong amount, Address counterparty) => new()
    {
        Account = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
        Token = Usda,
        Kind = kind,
        Direction = direction,
        Amount = new UInt256(amount),
        Counterparty = counterparty,
        BlockNumber = 1,
        Sequence = 0,
        TransactionIndex = 0,
        LogIndex = 0,
        TimestampMs = 0,
        TransactionHash = Hash32.Zero,
    };
}
