using Ledger.Core.Primitives;
using Ledger.Execution.State;

namespace Ledger.Execution.Snapshots;

/// <summary>
/// Cuts the whole state (entries in leaf-key order) into aligned bucket runs of at most the target size: the full range
/// is halved until each half fits (or is a single bucket), so every chunk is one subtree of the state tree and proves
/// itself with the sibling hashes above it.
/// </summary>
internal static class SnapshotChunker
{
    public static List<byte[]> Chunk(IReadOnlyList<SnapshotEntry> sorted, StateTree tree, int targetBytes, List<SnapshotChunkRange> ranges)
    {
        // starts[b] = index of the first entry of bucket b; bytes[b] = the encoded bytes of buckets 0..b-1.
        var starts = new int[StateTree.BucketCount + 1];
        var bytes = new long[StateTree.BucketCount + 1];
        var at = 0;
        for (var bucket = 0; bucket < StateTree.BucketCount; bucket++)
        {
            starts[bucket] = at;
            var size = 0L;
            while (at < sorted.Count && StateKeys.BucketOf(sorted[at].LeafKey) == bucket)
            {
                size += sorted[at].EncodedLength;
                at++;
            }

            bytes[bucket + 1] = bytes[bucket] + size;
        }

        starts[StateTree.BucketCount] = at;
        var chunks = new List<byte[]>();
        Split(0, StateTree.Depth);
        return chunks;

        void Split(int first, int level)
        {
            var end = first + (1 << level);
            if (level > 0 && bytes[end] - bytes[first] > targetBytes)
            {
                Split(first, level - 1);
                Split(first + (1 << (level - 1)), level - 1);
                return;
            }

            var entries = new SnapshotEntry[starts[end] - starts[first]];
            for (var i = 0; i < entries.Length; i++)
            {
                entries[i] = sorted[starts[first] + i];
            }

            var siblings = tree.GetSiblings(first)[level..];
            var encoded = SnapshotCodec.EncodeChunk(new SnapshotChunk(first, level, entries, siblings));
            if (encoded.Length > SnapshotLimits.MaxChunkBytes)
            {
                throw new InvalidOperationException($"bucket {first} holds {encoded.Length} bytes of state, more than a snapshot chunk may carry ({SnapshotLimits.MaxChunkBytes})");
            }

            ranges.Add(new SnapshotChunkRange(first, level, entries.Length, encoded.Length, SnapshotCodec.HashChunk(encoded)));
            chunks.Add(encoded);
        }
    }

    /// <summary>The tree of a full state (to check it against the header and take sibling paths from).</summary>
    public static StateTree Tree(IReadOnlyList<SnapshotEntry> sorted)
    {
        var buckets = new List<KeyValuePair<int, Hash32>>();
        var entries = new List<BucketEntry>();
        var current = -1;
        foreach (var entry in sorted)
        {
            var bucket = StateKeys.BucketOf(entry.LeafKey);
            if (bucket != current && entries.Count > 0)
            {
                buckets.Add(new(current, StateTree.HashBucket(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(entries))));
                entries.Clear();
            }

            current = bucket;
            entries.Add(new BucketEntry(entry.LeafKey, StateKeys.EntryHash(entry.LeafKey, entry.Value)));
        }

        if (entries.Count > 0)
        {
            buckets.Add(new(current, StateTree.HashBucket(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(entries))));
        }

        return StateTree.FromBucketHashes(buckets);
    }
}
