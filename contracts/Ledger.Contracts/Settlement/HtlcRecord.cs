using System.Buffers.Binary;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Settlement;

/// <summary>
/// One HTLC as stored: state(1) ‖ sender(20) ‖ recipient(20) ‖ token(20) ‖ amount(32) ‖ hashLock(32) ‖
/// deadline(8) ‖ preimage(32) ‖ closedAtBlock(8). The preimage is zero until the HTLC is claimed.
/// </summary>
public sealed record HtlcRecord(
    HtlcState State, Address Sender, Address Recipient, Address Token, UInt256 Amount, Hash32 HashLock, ulong Deadline, Hash32 Preimage, ulong ClosedAtBlock)
{
    private const int EncodedLength = 1 + (3 * Address.Length) + UInt256.Length + Hash32.Length + 8 + Hash32.Length + 8;

    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        var span = bytes.AsSpan();
        span[0] = (byte)State;
        Sender.WriteTo(span[1..]);
        Recipient.WriteTo(span[21..]);
        Token.WriteTo(span[41..]);
        Amount.WriteBigEndian(span[61..]);
        HashLock.WriteTo(span[93..]);
        BinaryPrimitives.WriteUInt64BigEndian(span[125..], Deadline);
        Preimage.WriteTo(span[133..]);
        BinaryPrimitives.WriteUInt64BigEndian(span[165..], ClosedAtBlock);
        return bytes;
    }

    public static HtlcRecord Decode(ReadOnlySpan<byte> stored)
    {
        if (stored.Length != EncodedLength)
        {
            throw new InvalidOperationException($"stored HTLC record is {stored.Length} bytes, expected {EncodedLength}");
        }

        return new HtlcRecord(
            (HtlcState)stored[0],
            new Address(stored.Slice(1, Address.Length)),
            new Address(stored.Slice(21, Address.Length)),
            new Address(stored.Slice(41, Address.Length)),
            UInt256.FromBigEndian(stored.Slice(61, UInt256.Length)),
            new Hash32(stored.Slice(93, Hash32.Length)),
            BinaryPrimitives.ReadUInt64BigEndian(stored[125..]),
            new Hash32(stored.Slice(133, Hash32.Length)),
            BinaryPrimitives.ReadUInt64BigEndian(stored[165..]));
    }
}
