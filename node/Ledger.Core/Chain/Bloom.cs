using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Core.Chain;

/// <summary>
/// The Ethereum 2048-bit logs bloom (yellow paper M3:2048): each log adds its address and every topic; an item
/// sets three bits, each taken from the low 11 bits of a byte pair of Keccak-256(item). Same bits as geth, so
/// indexers filtering on <c>logsBloom</c> behave as on Ethereum.
/// </summary>
public static class Bloom
{
    public const int Length = 256;

    public static byte[] Empty() => new byte[Length];

    public static byte[] FromLogs(IReadOnlyList<LogEntry> logs)
    {
        var bloom = new byte[Length];
        for (var i = 0; i < logs.Count; i++)
        {
            Add(bloom, logs[i]);
        }

        return bloom;
    }

    /// <summary>The block bloom: the union of every receipt's logs.</summary>
    public static byte[] FromReceipts(IReadOnlyList<Receipt> receipts)
    {
        var bloom = new byte[Length];
        for (var r = 0; r < receipts.Count; r++)
        {
            var logs = receipts[r].Logs;
            for (var i = 0; i < logs.Count; i++)
            {
                Add(bloom, logs[i]);
            }
        }

        return bloom;
    }

    public static void Add(Span<byte> bloom, LogEntry log)
    {
        Span<byte> item = stackalloc byte[Hash32.Length];
        log.Address.WriteTo(item);
        Add(bloom, item[..Address.Length]);
        for (var t = 0; t < log.Topics.Count; t++)
        {
            log.Topics[t].WriteTo(item);
            Add(bloom, item);
        }
    }

    public static void Add(Span<byte> bloom, ReadOnlySpan<byte> item)
    {
        RequireLength(bloom.Length);
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(item, hash);
        for (var i = 0; i < 6; i += 2)
        {
            var (index, mask) = BitOf(hash, i);
            bloom[index] |= mask;
        }
    }

    /// <summary>Sets in <paramref name="into"/> every bit set in <paramref name="other"/>.</summary>
    public static void Merge(Span<byte> into, ReadOnlySpan<byte> other)
    {
        RequireLength(into.Length);
        RequireLength(other.Length);
        for (var i = 0; i < Length; i++)
        {
            into[i] |= other[i];
        }
    }

    /// <summary>False means the item is certainly absent; true means it may be present.</summary>
    public static bool MayContain(ReadOnlySpan<byte> bloom, ReadOnlySpan<byte> item)
    {
        RequireLength(bloom.Length);
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(item, hash);
        for (var i = 0; i < 6; i += 2)
        {
            var (index, mask) = BitOf(hash, i);
            if ((bloom[index] & mask) == 0)
            {
                return false;
            }
        }

        return true;
    }

    public static bool MayContain(ReadOnlySpan<byte> bloom, Address address)
    {
        Span<byte> item = stackalloc byte[Address.Length];
        address.WriteTo(item);
        return MayContain(bloom, item);
    }

    public static bool MayContain(ReadOnlySpan<byte> bloom, Hash32 topic)
    {
        Span<byte> item = stackalloc byte[Hash32.Length];
        topic.WriteTo(item);
        return MayContain(bloom, item);
    }

    private static (int Index, byte Mask) BitOf(ReadOnlySpan<byte> hash, int pair)
    {
        var bit = ((hash[pair] << 8) | hash[pair + 1]) & 2047;
        // Bit 0 is the lowest bit of the last byte (the bloom is a big-endian 2048-bit number).
        return (Length - 1 - (bit >> 3), (byte)(1 << (bit & 7)));
    }

    private static void RequireLength(int length)
    {
        if (length != Length)
        {
            throw new ArgumentException($"a logs bloom is {Length} bytes, got {length}");
        }
    }
}
