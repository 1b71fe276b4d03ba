using System.Buffers.Binary;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Settlement;

/// <summary>
/// The Settlement module's storage layout: a one-byte tag followed by fixed-width parts. Ids are sequential
/// counters starting at 1; records are stored under an 8-byte big-endian id (ids above 2^64 − 1 never exist).
/// </summary>
public static class SettlementStorage
{
    public const byte RateTag = 0x01;        // ‖ provider(20) ‖ base(3) ‖ quote(3) → rate(32) ‖ postedAt(8) ‖ validUntil(8)
    public const byte NonceTag = 0x02;       // ‖ provider(20) ‖ nonce(32) → settled-at block(8)
    public const byte EscrowCountTag = 0x03; // → last escrow id
    public const byte EscrowTag = 0x04;      // ‖ id(8) → EscrowRecord
    public const byte HtlcCountTag = 0x05;   // → last HTLC id
    public const byte HtlcTag = 0x06;        // ‖ id(8) → HtlcRecord

    /// <summary>Length of an ISO 4217 currency code in a rate key.</summary>
    public const int CurrencyLength = 3;

    public static byte[] RateKey(Address provider, string baseCurrency, string quoteCurrency)
    {
        var key = new byte[1 + Address.Length + (2 * CurrencyLength)];
        key[0] = RateTag;
        provider.WriteTo(key.AsSpan(1));
        System.Text.Encoding.ASCII.GetBytes(baseCurrency, key.AsSpan(1 + Address.Length, CurrencyLength));
        System.Text.Encoding.ASCII.GetBytes(quoteCurrency, key.AsSpan(1 + Address.Length + CurrencyLength, CurrencyLength));
        return key;
    }

    public static byte[] NonceKey(Address provider, UInt256 nonce)
    {
        var key = new byte[1 + Address.Length + UInt256.Length];
        key[0] = NonceTag;
        provider.WriteTo(key.AsSpan(1));
        nonce.WriteBigEndian(key.AsSpan(1 + Address.Length));
        return key;
    }

    /// <summary>The key of record <paramref name="id"/> under <paramref name="tag"/> (escrow or HTLC).</summary>
    public static byte[] RecordKey(byte tag, ulong id)
    {
        var key = new byte[9];
        key[0] = tag;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), id);
        return key;
    }
}
