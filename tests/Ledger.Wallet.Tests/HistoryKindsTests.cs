using Ledger.Api.V1;
using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.Node.Api;
using Ledger.Wallet.Client;

namespace Ledger.Wallet.Tests;

/// <summary>
/// What a history line says it was, from the kind and reference of the node's account index, and the one mapping of
/// account records to API entries and back (the node's gRPC answer and the wallet's --rpc path share it).
/// </summary>
public sealed class HistoryKindsTests
{
    private static readonly Address Alice = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    private static readonly Address Carol = Address.Parse("0x90F79bf6EB2c4f870365E785982E1f101E93b906");
    private static readonly Token Usda = new() { Symbol = "USDA", Currency = "USD", Decimals = 2, Address = "0x2000000000000000000000000000000000000001" };

    [Theory]
    [InlineData(RecordKind.Transfer, RecordDirection.Out, "", "transfer")]
    [InlineData(RecordKind.Held, RecordDirection.Out, "1", "held for your guardian #1")]
    [InlineData(RecordKind.Held, RecordDirection.None, "1", "incoming, held for the sender's guardian #1")]
    [InlineData(RecordKind.HeldReleased, RecordDirection.In, "1", "held payment #1 released")]
    [InlineData(RecordKind.HeldReleased, RecordDirection.None, "1", "held payment #1 released to the recipient")]
    [InlineData(RecordKind.HeldCancelled, RecordDirection.In, "2", "held payment #2 cancelled, money back")]
    [InlineData(RecordKind.HeldExpired, RecordDirection.In, "2", "held payment #2 expired, money back")]
    [InlineData(RecordKind.InvoicePayment, RecordDirection.Out, "7", "invoice #7 payment")]
    [InlineData(RecordKind.InvoiceRefund, RecordDirection.In, "7", "invoice #7 refund")]
    [InlineData(RecordKind.FxSettlement, RecordDirection.Out, "", "FX settlement")]
    [InlineData(RecordKind.EscrowLock, RecordDirection.Out, "3", "escrow #3 lock")]
    [InlineData(RecordKind.EscrowLock, RecordDirection.None, "3", "escrow #3 waiting for the bank")]
    [InlineData(RecordKind.EscrowRelease, RecordDirection.In, "3", "escrow #3 release")]
    [InlineData(RecordKind.EscrowReturn, RecordDirection.In, "3", "escrow #3 returned")]
    [InlineData(RecordKind.HtlcClaim, RecordDirection.In, "2", "HTLC #2 claim")]
    [InlineData(RecordKind.HtlcRefund, RecordDirection.In, "2", "HTLC #2 refund")]
    [InlineData(RecordKind.Mint, RecordDirection.In, "", "mint")]
    [InlineData(RecordKind.Redeem, RecordDirection.Out, "", "redemption")]
    [InlineData(RecordKind.ForcedTransfer, RecordDirection.Out, "", "forced transfer")]
    [InlineData(RecordKind.Recovery, RecordDirection.In, "", "balance recovery")]
    [InlineData(RecordKind.OpeningBalance, RecordDirection.In, "", "opening balance")]
    public void Each_kind_reads_in_plain_words(RecordKind kind, RecordDirection direction, string id, string words)
    {
        var reference = id.Length == 0 ? Hash32.Zero : new Hash32(new UInt256(ulong.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ToBigEndian());
        var entry = HistoryEntryMapper.ToEntry(Record(kind, direction) with { Reference = reference }, Usda);

        Assert.Equal(words, HistoryKinds.Describe(entry));
    }

    [Fact]
    public void A_payment_to_oneself_reads_as_such_and_moves_nothing()
    {
        var entry = HistoryEntryMapper.ToEntry(Record(RecordKind.Transfer, RecordDirection.None) with { Counterparty = Alice }, Usda);

        Assert.Equal((TransferDirection.Self, "0", "transfer to yourself"), (entry.Direction, entry.Change, HistoryKinds.Describe(entry)));
    }

    [Fact]
    public void Entries_carry_the_real_counterparty_and_map_back_to_the_same_record()
    {
        var held = Record(RecordKind.Held, RecordDirection.Out) with { Via = Address.Parse(Usda.Address), Reference = new Hash32(new UInt256(1).ToBigEndian()) };
        var fx = Record(RecordKind.FxSettlement, RecordDirection.Out) with { Fee = new UInt256(50), Reference = new Hash32(new byte[31].Append((byte)9).ToArray()) };
        var released = Record(RecordKind.HeldReleased, RecordDirection.None);

        var heldEntry = HistoryEntryMapper.ToEntry(held, Usda);
        var releasedEntry = HistoryEntryMapper.ToEntry(released, Usda);

        Assert.Equal((Alice.ToChecksumString(), Carol.ToChecksumString(), Carol.ToChecksumString(), "-150000", "1"), (heldEntry.From, heldEntry.To, heldEntry.Counterparty, heldEntry.Change, heldEntry.Reference));
        Assert.Equal((TransferDirection.None, Alice.ToChecksumString(), Carol.ToChecksumString()), (releasedEntry.Direction, releasedEntry.From, releasedEntry.To));
        Assert.Equal("DepositToken:USDA", heldEntry.Module);
        foreach (var record in new[] { held, fx, released })
        {
            Assert.Equal(record with { TransactionIndex = 0 }, HistoryEntryMapper.ToRecord(HistoryEntryMapper.ToEntry(record, Usda), Alice));
        }
    }

    private static AccountRecord Record(RecordKind kind, RecordDirection direction) => new()
    {
        Account = Alice,
        Token = Address.Parse(Usda.Address),
        Kind = kind,
        Direction = direction,
        Amount = new UInt256(150_000),
        Counterparty = Carol,
        BlockNumber = 9,
        Sequence = 2,
        TransactionIndex = 0,
        LogIndex = 5,
        TimestampMs = 1_700_000_000_000,
        TransactionHash = new Hash32(Enumerable.Repeat((byte)0xab, 32).ToArray()),
    };
}
