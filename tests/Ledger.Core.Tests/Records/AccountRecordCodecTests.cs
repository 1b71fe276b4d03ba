using System.Numerics;
using Ledger.Core.Primitives;
using Ledger.Core.Records;

namespace Ledger.Core.Tests.Records;

/// <summary>The stored form of a record, the opaque cursor, wire names and references: round trips and refusals.</summary>
public sealed class AccountRecordCodecTests
{
    private static readonly Address Account = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

    [Fact]
    public void Records_round_trip_with_and_without_their_optional_fields()
    {
        var random = new Random(3);
        for (var i = 0; i < 500; i++)
        {
            var record = Random(random);

            var decoded = AccountRecordCodec.Decode(Account, AccountRecordCodec.Encode(record));

            Assert.Equal(record, decoded);
        }
    }

    [Fact]
    public void A_plain_transfer_is_stored_in_under_150_bytes()
    {
        var record = Random(new Random(1)) with { Via = Address.Zero, Reference = Hash32.Zero, Fee = UInt256.Zero, Amount = new UInt256(1_250_000) };

        Assert.InRange(AccountRecordCodec.Encode(record).Length, 100, 150);
    }

    [Fact]
    public void Damaged_or_foreign_bytes_are_refused_not_misread()
    {
        var bytes = AccountRecordCodec.Encode(Random(new Random(2)));

        Assert.Throws<InvalidDataException>(() => AccountRecordCodec.Decode(Account, bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<InvalidDataException>(() => AccountRecordCodec.Decode(Account, [.. bytes, 0]));
        Assert.Throws<InvalidDataException>(() => AccountRecordCodec.Decode(Account, [2, .. bytes[1..]]));
        Assert.Throws<InvalidDataException>(() => AccountRecordCodec.Decode(Account, []));
        var tooLong = (byte[])bytes.Clone();
        tooLong[43] = 40; // an amount of 40 bytes cannot be a uint256
        Assert.Throws<InvalidDataException>(() => AccountRecordCodec.Decode(Account, tooLong));
    }

    [Fact]
    public void Cursors_round_trip_and_anything_else_is_not_a_cursor()
    {
        var cursor = new HistoryCursor(1_234_567_890_123, 77);

        Assert.True(HistoryCursor.TryDecode(cursor.Encode(), out var decoded));
        Assert.Equal(cursor, decoded);
        Assert.Matches("^[A-Za-z0-9_-]+$", cursor.Encode());
        foreach (var text in new[] { "", "12", "abc!", "AAAAAAAAAAAAAAAAAA", new string('A', 40), "AgAAAAAAAAABAAAAAA" })
        {
            Assert.False(HistoryCursor.TryDecode(text, out _), text);
        }
    }

    [Fact]
    public void Kinds_have_stable_wire_names_and_references_read_as_people_expect()
    {
        Assert.Equal(20, RecordKinds.All.Count);
        Assert.All(RecordKinds.All, k => Assert.Equal(k, RecordKinds.Parse(k.WireName())));
        Assert.Equal("held-released", RecordKind.HeldReleased.WireName());
        Assert.Equal(RecordKind.InvoicePayment, RecordKinds.Parse("INVOICE-PAYMENT"));
        Assert.Contains("fx-settlement", Assert.Throws<ArgumentException>(() => RecordKinds.Parse("payment")).Message, StringComparison.Ordinal);

        var seven = new Hash32(new UInt256(7).ToBigEndian());
        Assert.Equal("7", RecordKind.InvoicePayment.FormatReference(seven));
        Assert.Equal(seven.ToString(), RecordKind.FxSettlement.FormatReference(seven));
        Assert.Equal(string.Empty, RecordKind.Mint.FormatReference(Hash32.Zero));
        Assert.True(RecordKinds.TryParseReference("7", out var back) && back == seven);
        Assert.True(RecordKinds.TryParseReference(seven.ToString(), out back) && back == seven);
        Assert.False(RecordKinds.TryParseReference("seven", out _));
    }

    [Fact]
    public void Change_is_signed_by_direction()
    {
        var record = Random(new Random(4)) with { Amount = new UInt256(500) };

        Assert.Equal(new BigInteger(500), (record with { Direction = RecordDirection.In }).Change);
        Assert.Equal(new BigInteger(-500), (record with { Direction = RecordDirection.Out }).Change);
        Assert.Equal(BigInteger.Zero, (record with { Direction = RecordDirection.None }).Change);
    }

    internal static AccountRecord Random(Random random)
    {
        Address RandomAddress() => new(Bytes(random, 20));
        return new AccountRecord
        {
            Account = Account,
            Token = RandomAddress(),
            Kind = RecordKinds.All[random.Next(RecordKinds.All.Count)],
            Direction = (RecordDirection)random.Next(3),
            Amount = UInt256.FromBigEndianVariable(Bytes(random, random.Next(0, 33))),
            Counterparty = RandomAddress(),
            Via = random.Next(2) == 0 ? Address.Zero : RandomAddress(),
            Reference = random.Next(2) == 0 ? Hash32.Zero : new Hash32(Bytes(random, 32)),
            Fee = random.Next(2) == 0 ? UInt256.Zero : new UInt256((ulong)random.NextInt64()),
            BlockNumber = (ulong)random.NextInt64(),
            Sequence = random.Next(),
            TransactionIndex = random.Next(),
            LogIndex = random.Next(),
            TimestampMs = (ulong)random.NextInt64(),
            TransactionHash = new Hash32(Bytes(random, 32)),
        };
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
