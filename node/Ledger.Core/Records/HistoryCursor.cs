using System.Buffers.Binary;

namespace Ledger.Core.Records;

/// <summary>
/// Where a history page ended: the last record returned (block, sequence). The next page starts strictly after it in
/// newest-first order, so records that newer blocks add never shift it: paging by cursor is stable while blocks arrive.
/// On the wire it is opaque: base64url of version(1) ‖ block(8) ‖ sequence(4).
/// </summary>
public readonly record struct HistoryCursor(ulong BlockNumber, int Sequence)
{
    private const byte Version = 1;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[13];
        bytes[0] = Version;
        BinaryPrimitives.WriteUInt64BigEndian(bytes[1..], BlockNumber);
        BinaryPrimitives.WriteInt32BigEndian(bytes[9..], Sequence);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryDecode(string? text, out HistoryCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 32)
        {
            return false;
        }

        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        Span<byte> bytes = stackalloc byte[24];
        if (!Convert.TryFromBase64String(base64, bytes, out var length) || length != 13 || bytes[0] != Version)
        {
            return false;
        }

        var sequence = BinaryPrimitives.ReadInt32BigEndian(bytes[9..]);
        if (sequence < 0)
        {
            return false;
        }

        cursor = new HistoryCursor(BinaryPrimitives.ReadUInt64BigEndian(bytes[1..]), sequence);
        return true;
    }
}
