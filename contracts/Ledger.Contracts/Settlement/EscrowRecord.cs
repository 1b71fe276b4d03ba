using System.Buffers.Binary;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Settlement;

/// <summary>
/// One escrow as stored: state(1) ‖ payer(20) ‖ beneficiary(20) ‖ token(20) ‖ amount(32) ‖ deadline(8) ‖
/// travelRuleRef(32) ‖ closedAtBlock(8). <see cref="ClosedAtBlock"/> is 0 while open and names the block of the
/// final transition afterwards, so a second attempt can say when the first one happened.
/// </summary>
public sealed record EscrowRecord(
    EscrowState State, Address Payer, Address Beneficiary, Address Token, UInt256 Amount, ulong Deadline, Hash32 TravelRuleRef, ulong ClosedAtBlock)
{
    private const int EncodedLength = 1 + (3 * Address.Length) + UInt256.Length + 8 + Hash32.Length + 8;

    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        var span = bytes.AsSpan();
        span[0] = (byte)State;
        Payer.WriteTo(span[1..]);
        Beneficiary.WriteTo(span[21..]);
        Token.WriteTo(span[41..]);
        Amount.WriteBigEndian(span[61..]);
        BinaryPrimitives.WriteUInt64BigEndian(span[93..], Deadline);
        TravelRuleRef.WriteTo(span[101..]);
        BinaryPrimitives.WriteUInt64BigEndian(span[133..], ClosedAtBlock);
        return bytes;
    }

    public static EscrowRecord Decode(ReadOnlySpan<byte> stored)
    {
        if (stored.Length != EncodedLength)
        {
            // Only the module writes these records; another length is corrupted state, a bug rather than a revert.
            throw new InvalidOperationException($"stored escrow record is {stored.Length} bytes, expected {EncodedLength}");
        }

        return new EscrowRecord(
            (EscrowState)stored[0],
            new Address(stored.Slice(1, Address.Length)),
            new Address(stored.Slice(21, Address.Length)),
            new Address(stored.Slice(41, Address.Length)),
            UInt256.FromBigEndian(stored.Slice(61, UInt256.Length)),
            BinaryPrimitives.ReadUInt64BigEndian(stored[93..]),
            new Hash32(stored.Slice(101, Hash32.Length)),
            BinaryPrimitives.ReadUInt64BigEndian(stored[133..]));
    }
}
