using System.Buffers.Binary;
using Ledger.Core.Encoding;

namespace Ledger.Contracts.Identity;

/// <summary>
/// One account's identity as stored by <see cref="IdentityRegistry"/>. Layout: revoked(1) ‖ expiresAt(8, BE)
/// ‖ kycLevel(1) ‖ rlp([bank, jurisdiction]). The fixed prefix lets <c>isVerified</c> — called twice per token
/// transfer — decide without decoding or allocating the strings.
/// </summary>
public sealed record IdentityRecord(string Bank, string Jurisdiction, byte KycLevel, ulong ExpiresAt, bool Revoked)
{
    private const int PrefixLength = 10;

    public byte[] Encode()
    {
        var strings = new RlpWriter(64)
            .StartList()
            .WriteBytes(System.Text.Encoding.UTF8.GetBytes(Bank))
            .WriteBytes(System.Text.Encoding.UTF8.GetBytes(Jurisdiction))
            .EndList()
            .WrittenSpan;
        var bytes = new byte[PrefixLength + strings.Length];
        bytes[0] = Revoked ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(1), ExpiresAt);
        bytes[9] = KycLevel;
        strings.CopyTo(bytes.AsSpan(PrefixLength));
        return bytes;
    }

    public static IdentityRecord Decode(ReadOnlySpan<byte> stored)
    {
        CheckLength(stored);
        var reader = new RlpReader(stored[PrefixLength..]);
        var list = reader.ReadList();
        var bank = System.Text.Encoding.UTF8.GetString(list.ReadBytes());
        var jurisdiction = System.Text.Encoding.UTF8.GetString(list.ReadBytes());
        return new IdentityRecord(bank, jurisdiction, stored[9], ReadExpiresAt(stored), IsRevoked(stored));
    }

    /// <summary>Verified = not revoked and expiring strictly after <paramref name="nowSeconds"/>; no allocation.</summary>
    public static bool IsVerifiedAt(ReadOnlySpan<byte> stored, ulong nowSeconds)
    {
        CheckLength(stored);
        return !IsRevoked(stored) && ReadExpiresAt(stored) > nowSeconds;
    }

    private static bool IsRevoked(ReadOnlySpan<byte> stored) => stored[0] != 0;

    private static ulong ReadExpiresAt(ReadOnlySpan<byte> stored) => BinaryPrimitives.ReadUInt64BigEndian(stored[1..]);

    private static void CheckLength(ReadOnlySpan<byte> stored)
    {
        if (stored.Length < PrefixLength)
        {
            // Only IdentityRegistry writes these entries: a short one is corrupted state, a bug rather than a revert.
            throw new InvalidOperationException($"stored identity record is {stored.Length} bytes, shorter than its {PrefixLength}-byte prefix");
        }
    }
}
