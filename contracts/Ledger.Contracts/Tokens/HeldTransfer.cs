using System.Buffers.Binary;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Tokens;

/// <summary>
/// A transfer waiting for the sender's guardian, stored as from(20) ‖ to(20) ‖ amount(32) ‖ deadline(8, unix s) ‖ status(1).
/// Its amount sits in the token's own address until it is released to <c>To</c> or returned to <c>From</c>.
/// </summary>
public sealed record HeldTransfer(Address From, Address To, UInt256 Amount, ulong Deadline, HeldStatus Status)
{
    public const int EncodedLength = 81;

    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        From.WriteTo(bytes.AsSpan(0, 20));
        To.WriteTo(bytes.AsSpan(20, 20));
        Amount.WriteBigEndian(bytes.AsSpan(40, 32));
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(72, 8), Deadline);
        bytes[80] = (byte)Status;
        return bytes;
    }

    public static HeldTransfer Decode(ReadOnlySpan<byte> stored) => stored.Length == EncodedLength
        ? new HeldTransfer(
            new Address(stored[..20]),
            new Address(stored.Slice(20, 20)),
            UInt256.FromBigEndian(stored.Slice(40, 32)),
            BinaryPrimitives.ReadUInt64BigEndian(stored.Slice(72, 8)),
            (HeldStatus)stored[80])
        : throw new InvalidOperationException($"stored held transfer is {stored.Length} bytes, not {EncodedLength}");

    public static byte[] Key(ulong id)
    {
        var key = new byte[9];
        key[0] = TokenStorage.HeldTag;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), id);
        return key;
    }
}
