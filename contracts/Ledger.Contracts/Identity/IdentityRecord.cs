using System.Buffers.Binary;
using System.Text;

namespace Ledger.Contracts.Identity;

/// <summary>
/// One account's identity as stored by <see cref="IdentityRegistry"/>, in a fixed layout so that the token's
/// transfer check — twice per transfer — reads it without decoding or allocating:
/// flags(1: revoked, recovered) ‖ expiresAt(8, BE) ‖ kycLevel(1) ‖ bank index(1) ‖ jurisdiction(2, ASCII) ‖ LEI(0 or 20, ASCII).
/// </summary>
public sealed record IdentityRecord(int BankIndex, string Jurisdiction, byte KycLevel, ulong ExpiresAt, bool Revoked, string Lei = "", bool Recovered = false)
{
    public const int PrefixLength = 13;
    public const int LeiLength = 20;

    private const byte RevokedFlag = 1;
    private const byte RecoveredFlag = 2;

    public byte[] Encode()
    {
        var bytes = new byte[PrefixLength + Lei.Length];
        bytes[0] = (byte)((Revoked ? RevokedFlag : 0) | (Recovered ? RecoveredFlag : 0));
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(1), ExpiresAt);
        bytes[9] = KycLevel;
        bytes[10] = checked((byte)BankIndex);
        Encoding.ASCII.GetBytes(Jurisdiction, bytes.AsSpan(11, 2));
        Encoding.ASCII.GetBytes(Lei, bytes.AsSpan(PrefixLength));
        return bytes;
    }

    public static IdentityRecord Decode(ReadOnlySpan<byte> stored)
    {
        CheckLength(stored);
        return new IdentityRecord(
            BankOf(stored),
            Encoding.ASCII.GetString(stored.Slice(11, 2)),
            stored[9],
            ExpiresAtOf(stored),
            IsRevoked(stored),
            Encoding.ASCII.GetString(stored[PrefixLength..]),
            (stored[0] & RecoveredFlag) != 0);
    }

    /// <summary>Verified = not revoked and expiring strictly after <paramref name="nowSeconds"/>; no allocation.</summary>
    public static bool IsVerifiedAt(ReadOnlySpan<byte> stored, ulong nowSeconds)
    {
        CheckLength(stored);
        return !IsRevoked(stored) && ExpiresAtOf(stored) > nowSeconds;
    }

    public static bool IsRevoked(ReadOnlySpan<byte> stored) => (stored[0] & RevokedFlag) != 0;

    public static ulong ExpiresAtOf(ReadOnlySpan<byte> stored) => BinaryPrimitives.ReadUInt64BigEndian(stored[1..]);

    public static int BankOf(ReadOnlySpan<byte> stored) => stored[10];

    /// <summary>The two ASCII bytes of the jurisdiction, for comparisons and storage keys.</summary>
    public static ReadOnlySpan<byte> JurisdictionOf(ReadOnlySpan<byte> stored) => stored.Slice(11, 2);

    public static void CheckLength(ReadOnlySpan<byte> stored)
    {
        if (stored.Length is not PrefixLength and not PrefixLength + LeiLength)
        {
            // Only IdentityRegistry writes these entries: another length is corrupted state, a bug rather than a revert.
            throw new InvalidOperationException($"stored identity record is {stored.Length} bytes, not {PrefixLength} or {PrefixLength + LeiLength}");
        }
    }
}
