using System.Buffers.Binary;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Compliance;

/// <summary>
/// A maker–checker request in one fixed 191-byte record: kind(1) ‖ status(1) ‖ bank(1) ‖ maker(20) ‖ checker(20) ‖
/// createdAt(8) ‖ expiresAt(8) ‖ executableAt(8) ‖ token(20) ‖ account(20) ‖ to(20) ‖ amount(32) ‖ reference(32).
/// <c>account</c> is the customer the operation touches (mint receiver, burn or forced-transfer payer, lost key);
/// <c>to</c> is the forced transfer's receiver or the recovery's new key. Times are unix seconds.
/// </summary>
public sealed record FourEyesRequest(
    RequestKind Kind,
    RequestStatus Status,
    int Bank,
    Address Maker,
    Address Checker,
    ulong CreatedAt,
    ulong ExpiresAt,
    ulong ExecutableAt,
    Address Token,
    Address Account,
    Address To,
    UInt256 Amount,
    Hash32 Reference)
{
    public const int EncodedLength = 191;

    public bool IsOpen => Status is RequestStatus.Pending or RequestStatus.Approved;

    /// <summary>The status as of <paramref name="now"/>: a pending request past its expiry reads as expired.</summary>
    public RequestStatus StatusAt(ulong now) =>
        Status == RequestStatus.Pending && now >= ExpiresAt ? RequestStatus.Expired : Status;

    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        var span = bytes.AsSpan();
        span[0] = (byte)Kind;
        span[1] = (byte)Status;
        span[2] = (byte)Bank;
        Maker.WriteTo(span.Slice(3, Address.Length));
        Checker.WriteTo(span.Slice(23, Address.Length));
        BinaryPrimitives.WriteUInt64BigEndian(span.Slice(43, 8), CreatedAt);
        BinaryPrimitives.WriteUInt64BigEndian(span.Slice(51, 8), ExpiresAt);
        BinaryPrimitives.WriteUInt64BigEndian(span.Slice(59, 8), ExecutableAt);
        Token.WriteTo(span.Slice(67, Address.Length));
        Account.WriteTo(span.Slice(87, Address.Length));
        To.WriteTo(span.Slice(107, Address.Length));
        Amount.WriteBigEndian(span.Slice(127, UInt256.Length));
        Reference.WriteTo(span.Slice(159, Hash32.Length));
        return bytes;
    }

    public static FourEyesRequest Decode(ReadOnlySpan<byte> stored)
    {
        if (stored.Length != EncodedLength)
        {
            throw new InvalidOperationException($"stored request is {stored.Length} bytes, not {EncodedLength}");
        }

        return new FourEyesRequest(
            (RequestKind)stored[0],
            (RequestStatus)stored[1],
            stored[2],
            new Address(stored.Slice(3, Address.Length)),
            new Address(stored.Slice(23, Address.Length)),
            BinaryPrimitives.ReadUInt64BigEndian(stored.Slice(43, 8)),
            BinaryPrimitives.ReadUInt64BigEndian(stored.Slice(51, 8)),
            BinaryPrimitives.ReadUInt64BigEndian(stored.Slice(59, 8)),
            new Address(stored.Slice(67, Address.Length)),
            new Address(stored.Slice(87, Address.Length)),
            new Address(stored.Slice(107, Address.Length)),
            UInt256.FromBigEndian(stored.Slice(127, UInt256.Length)),
            new Hash32(stored.Slice(159, Hash32.Length)));
    }
}
