using System.Buffers.Binary;
using Ledger.Core.Primitives;

namespace Ledger.Core.Records;

/// <summary>
/// The stored form of an <see cref="AccountRecord"/> without its account (the index key holds it):
/// version(1) ‖ token(20) ‖ counterparty(20) ‖ kind(1) ‖ direction(1) ‖ amount(len(1) ‖ big-endian, trimmed) ‖
/// flags(1: 1 = via, 2 = reference, 4 = fee) ‖ [via(20)] ‖ [reference(32)] ‖ [fee(len ‖ bytes)] ‖ block(8) ‖
/// sequence(4) ‖ transactionIndex(4) ‖ logIndex(4) ‖ timestampMs(8) ‖ transactionHash(32). About 140 bytes for a transfer.
/// </summary>
public static class AccountRecordCodec
{
    public const byte Version = 1;

    private const byte HasVia = 1;
    private const byte HasReference = 2;
    private const byte HasFee = 4;

    public static byte[] Encode(AccountRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var amount = record.Amount.ToBigEndianTrimmed();
        var fee = record.Fee.ToBigEndianTrimmed();
        var flags = (byte)((record.Via.IsZero ? 0 : HasVia) | (record.Reference.IsZero ? 0 : HasReference) | (record.Fee.IsZero ? 0 : HasFee));
        var length = 1 + 20 + 20 + 1 + 1 + 1 + amount.Length + 1
            + (record.Via.IsZero ? 0 : 20) + (record.Reference.IsZero ? 0 : 32) + (record.Fee.IsZero ? 0 : 1 + fee.Length)
            + 8 + 4 + 4 + 4 + 8 + 32;
        var bytes = new byte[length];
        var span = bytes.AsSpan();
        var at = 0;
        span[at++] = Version;
        record.Token.WriteTo(span[at..]);
        at += 20;
        record.Counterparty.WriteTo(span[at..]);
        at += 20;
        span[at++] = (byte)record.Kind;
        span[at++] = (byte)record.Direction;
        span[at++] = (byte)amount.Length;
        amount.CopyTo(span[at..]);
        at += amount.Length;
        span[at++] = flags;
        if (!record.Via.IsZero)
        {
            record.Via.WriteTo(span[at..]);
            at += 20;
        }

        if (!record.Reference.IsZero)
        {
            record.Reference.WriteTo(span[at..]);
            at += 32;
        }

        if (!record.Fee.IsZero)
        {
            span[at++] = (byte)fee.Length;
            fee.CopyTo(span[at..]);
            at += fee.Length;
        }

        BinaryPrimitives.WriteUInt64BigEndian(span[at..], record.BlockNumber);
        BinaryPrimitives.WriteInt32BigEndian(span[(at + 8)..], record.Sequence);
        BinaryPrimitives.WriteInt32BigEndian(span[(at + 12)..], record.TransactionIndex);
        BinaryPrimitives.WriteInt32BigEndian(span[(at + 16)..], record.LogIndex);
        BinaryPrimitives.WriteUInt64BigEndian(span[(at + 20)..], record.TimestampMs);
        record.TransactionHash.WriteTo(span[(at + 28)..]);
        return bytes;
    }

    /// <summary>Decodes a stored record of <paramref name="account"/>; throws <see cref="InvalidDataException"/> for bytes this codec did not write.</summary>
    public static AccountRecord Decode(Address account, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return DecodeCore(account, bytes);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"stored account record of {account} is damaged: {e.Message}", e);
        }
        catch (OverflowException e)
        {
            throw new InvalidDataException($"stored account record of {account} is damaged: {e.Message}", e);
        }
        catch (IndexOutOfRangeException e)
        {
            throw new InvalidDataException($"stored account record of {account} is truncated", e);
        }
    }

    private static AccountRecord DecodeCore(Address account, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 1 || bytes[0] != Version)
        {
            throw new InvalidDataException($"stored account record of {account} has version {(bytes.Length == 0 ? "none" : bytes[0])}, this node reads {Version}");
        }

        var at = 1;
        var token = new Address(bytes.Slice(at, 20));
        at += 20;
        var counterparty = new Address(bytes.Slice(at, 20));
        at += 20;
        var kind = (RecordKind)bytes[at++];
        var direction = (RecordDirection)bytes[at++];
        var amountLength = bytes[at++];
        var amount = UInt256.FromBigEndianVariable(bytes.Slice(at, amountLength));
        at += amountLength;
        var flags = bytes[at++];
        var via = Address.Zero;
        if ((flags & HasVia) != 0)
        {
            via = new Address(bytes.Slice(at, 20));
            at += 20;
        }

        var reference = Hash32.Zero;
        if ((flags & HasReference) != 0)
        {
            reference = new Hash32(bytes.Slice(at, 32));
            at += 32;
        }

        var fee = UInt256.Zero;
        if ((flags & HasFee) != 0)
        {
            var feeLength = bytes[at++];
            fee = UInt256.FromBigEndianVariable(bytes.Slice(at, feeLength));
            at += feeLength;
        }

        if (bytes.Length != at + 60)
        {
            throw new InvalidDataException($"stored account record of {account} is {bytes.Length} bytes, its fields need {at + 60}");
        }

        return new AccountRecord
        {
            Account = account,
            Token = token,
            Counterparty = counterparty,
            Kind = kind,
            Direction = direction,
            Amount = amount,
            Via = via,
            Reference = reference,
            Fee = fee,
            BlockNumber = BinaryPrimitives.ReadUInt64BigEndian(bytes[at..]),
            Sequence = BinaryPrimitives.ReadInt32BigEndian(bytes[(at + 8)..]),
            TransactionIndex = BinaryPrimitives.ReadInt32BigEndian(bytes[(at + 12)..]),
            LogIndex = BinaryPrimitives.ReadInt32BigEndian(bytes[(at + 16)..]),
            TimestampMs = BinaryPrimitives.ReadUInt64BigEndian(bytes[(at + 20)..]),
            TransactionHash = new Hash32(bytes.Slice(at + 28, 32)),
        };
    }
}
