using System.Buffers.Binary;
using Ledger.Core.Primitives;

namespace Ledger.Execution.State;

/// <summary>
/// One block's entry in <see cref="StateHistory"/>: the composite keys (ns ‖ key) it changed and the hash each
/// bucket it changed had before it. Encoded as count(4) then keyLength(2) ‖ composite per key, then count(4)
/// and bucket(2) ‖ hash(32) per bucket.
/// </summary>
internal sealed record BlockDiff(IReadOnlyList<byte[]> Keys, IReadOnlyList<KeyValuePair<int, Hash32>> PreviousBuckets)
{
    public static byte[] Encode(IReadOnlyCollection<byte[]> keys, IReadOnlyList<KeyValuePair<int, Hash32>> previousBuckets)
    {
        var length = 4 + 4 + (previousBuckets.Count * (2 + Hash32.Length));
        foreach (var key in keys)
        {
            length += 2 + key.Length;
        }

        var encoded = new byte[length];
        var span = encoded.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span, keys.Count);
        var at = 4;
        foreach (var key in keys)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)key.Length);
            key.CopyTo(span[(at + 2)..]);
            at += 2 + key.Length;
        }

        BinaryPrimitives.WriteInt32BigEndian(span[at..], previousBuckets.Count);
        at += 4;
        foreach (var (bucket, hash) in previousBuckets)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)bucket);
            hash.WriteTo(span[(at + 2)..]);
            at += 2 + Hash32.Length;
        }

        return encoded;
    }

    public static BlockDiff Decode(byte[] encoded)
    {
        try
        {
            var span = encoded.AsSpan();
            var keyCount = BinaryPrimitives.ReadInt32BigEndian(span);
            var at = 4;
            var keys = new byte[keyCount][];
            for (var i = 0; i < keyCount; i++)
            {
                var length = BinaryPrimitives.ReadUInt16BigEndian(span[at..]);
                keys[i] = span.Slice(at + 2, length).ToArray();
                at += 2 + length;
            }

            var bucketCount = BinaryPrimitives.ReadInt32BigEndian(span[at..]);
            at += 4;
            var buckets = new KeyValuePair<int, Hash32>[bucketCount];
            for (var i = 0; i < bucketCount; i++)
            {
                buckets[i] = new(BinaryPrimitives.ReadUInt16BigEndian(span[at..]), new Hash32(span.Slice(at + 2, Hash32.Length)));
                at += 2 + Hash32.Length;
            }

            return at == encoded.Length ? new BlockDiff(keys, buckets) : throw new InvalidDataException("trailing bytes");
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException("malformed state history block record", e);
        }
    }
}
