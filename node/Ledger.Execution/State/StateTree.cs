using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Execution.State;

/// <summary>
/// The bucketed binary Merkle tree behind the state root (docs/state.md). All 65,536 bucket hashes and the
/// 65,535 inner nodes live in one heap-ordered array (index 1 = root, children of i at 2i and 2i+1, bucket b
/// at 65,536 + b): 4 MB, so a block rehashes only its dirty buckets and their 16 ancestors each.
/// A node whose two children are both zero is zero, so empty subtrees cost nothing.
/// Single writer: <see cref="Prepare"/> and <see cref="Apply"/> run on the commit path only.
/// </summary>
public sealed partial class StateTree
{
    public const int BucketCount = 1 << 16;

    public const int Depth = 16;

    // Below this many items the thread hand-off costs more than the hashing it spreads.
    private const int ParallelThreshold = 128;

    private readonly Hash32[] _nodes = new Hash32[2 * BucketCount];

    /// <summary>Incremented by every <see cref="Apply"/>; an update is valid only for the version it was prepared on.</summary>
    public long Version { get; private set; }

    public Hash32 Root => _nodes[1];

    public Hash32 GetBucketHash(int bucket) => _nodes[BucketCount + CheckBucket(bucket)];

    /// <summary>Rebuilds the inner nodes from persisted bucket hashes (no state rescan needed on restart).</summary>
    public static StateTree FromBucketHashes(IEnumerable<KeyValuePair<int, Hash32>> bucketHashes)
    {
        ArgumentNullException.ThrowIfNull(bucketHashes);
        var tree = new StateTree();
        foreach (var (bucket, hash) in bucketHashes)
        {
            tree._nodes[BucketCount + CheckBucket(bucket)] = hash;
        }

        for (var i = BucketCount - 1; i >= 1; i--)
        {
            tree._nodes[i] = HashNode(tree._nodes[2 * i], tree._nodes[(2 * i) + 1]);
        }

        return tree;
    }

    /// <summary>Keccak(left ‖ right), except that two zero children give zero (an empty subtree).</summary>
    public static Hash32 HashNode(Hash32 left, Hash32 right)
    {
        if (left.IsZero && right.IsZero)
        {
            return Hash32.Zero;
        }

        Span<byte> buffer = stackalloc byte[2 * Hash32.Length];
        left.WriteTo(buffer);
        right.WriteTo(buffer[Hash32.Length..]);
        return Keccak256.Hash(buffer);
    }

    /// <summary>Keccak over the entry hashes in leaf-key order; zero for an empty bucket.</summary>
    public static Hash32 HashBucket(ReadOnlySpan<BucketEntry> entries)
    {
        if (entries.IsEmpty)
        {
            return Hash32.Zero;
        }

        var length = entries.Length * Hash32.Length;
        byte[]? rented = null;
        var buffer = length <= 2048 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i].EntryHash.WriteTo(buffer[(i * Hash32.Length)..]);
        }

        var hash = Keccak256.Hash(buffer);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return hash;
    }

    /// <summary>The 16 sibling hashes from bucket <paramref name="bucket"/> up to the root: the Merkle path of a proof.</summary>
    public Hash32[] GetSiblings(int bucket)
    {
        var siblings = new Hash32[Depth];
        var index = BucketCount + CheckBucket(bucket);
        for (var level = 0; level < Depth; level++, index >>= 1)
        {
            siblings[level] = _nodes[index ^ 1];
        }

        return siblings;
    }

    /// <summary>
    /// Computes the tree after <paramref name="changes"/> without modifying it. <paramref name="source"/> must
    /// hold the committed entries this tree version was built from.
    /// </summary>
    public StateTreeUpdate Prepare(StateChangeSet changes, IBucketSource source)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(source);
        var count = changes.Count;
        var leaves = new Hash32[count];
        var entryHashes = new Hash32?[count];
        ForEach(count, i =>
        {
            var change = changes[i];
            var leaf = StateKeys.LeafKey(change.Namespace, change.Key);
            leaves[i] = leaf;
            entryHashes[i] = change.Value is null ? null : StateKeys.EntryHash(leaf, change.Value);
        });

        var changesByBucket = new Dictionary<int, List<int>>();
        for (var i = 0; i < count; i++)
        {
            var bucket = StateKeys.BucketOf(leaves[i]);
            if (!changesByBucket.TryGetValue(bucket, out var list))
            {
                changesByBucket[bucket] = list = new List<int>(2);
            }

            list.Add(i);
        }

        var dirty = changesByBucket.Keys.ToArray();
        Array.Sort(dirty);
        var bucketHashes = new Hash32[dirty.Length];
        var merged = new BucketEntry[dirty.Length][];
        ForEach(dirty.Length, j =>
        {
            var entries = new List<BucketEntry>();
            source.ReadEntries(dirty[j], entries);
            foreach (var i in changesByBucket[dirty[j]])
            {
                Upsert(entries, leaves[i], entryHashes[i]);
            }

            bucketHashes[j] = HashBucket(CollectionsMarshal.AsSpan(entries));
            merged[j] = entries.ToArray();
        });

        var changed = new Dictionary<int, Hash32>(dirty.Length * 3);
        var mergedBuckets = new Dictionary<int, BucketEntry[]>(dirty.Length);
        var level = new List<int>(dirty.Length);
        for (var j = 0; j < dirty.Length; j++)
        {
            mergedBuckets[dirty[j]] = merged[j];
            changed[BucketCount + dirty[j]] = bucketHashes[j];
            level.Add(BucketCount + dirty[j]);
        }

        RehashAncestors(level, changed);
        var writes = new List<KeyValuePair<Hash32, Hash32?>>(count);
        for (var i = 0; i < count; i++)
        {
            writes.Add(new KeyValuePair<Hash32, Hash32?>(leaves[i], entryHashes[i]));
        }

        var root = changed.TryGetValue(1, out var newRoot) ? newRoot : Root;
        return new StateTreeUpdate(Version, root, changed, writes, mergedBuckets);
    }

    /// <summary>Makes a prepared update the tree's state (after its batch reached disk).</summary>
    public void Apply(StateTreeUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.BaseVersion != Version)
        {
            throw new InvalidOperationException($"state tree update was prepared on version {update.BaseVersion}, the tree is at {Version}");
        }

        foreach (var (index, hash) in update.ChangedNodes)
        {
            _nodes[index] = hash;
        }

        Version++;
    }

    private void RehashAncestors(List<int> level, Dictionary<int, Hash32> changed)
    {
        // Each level is ascending, so parents come out ascending and duplicates are adjacent.
        var parents = new List<int>(level.Count);
        while (level.Count > 0 && level[0] > 1)
        {
            parents.Clear();
            foreach (var index in level)
            {
                var parent = index >> 1;
                if (parents.Count == 0 || parents[^1] != parent)
                {
                    parents.Add(parent);
                }
            }

            foreach (var parent in parents)
            {
                changed[parent] = HashNode(NodeAt(2 * parent, changed), NodeAt((2 * parent) + 1, changed));
            }

            (level, parents) = (parents, level);
        }
    }

    private Hash32 NodeAt(int index, Dictionary<int, Hash32> changed) =>
        changed.TryGetValue(index, out var hash) ? hash : _nodes[index];

    private static void Upsert(List<BucketEntry> entries, Hash32 leaf, Hash32? entryHash)
    {
        var lo = 0;
        var hi = entries.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = entries[mid].LeafKey.CompareTo(leaf);
            if (c == 0)
            {
                if (entryHash is { } hash)
                {
                    entries[mid] = new BucketEntry(leaf, hash);
                }
                else
                {
                    entries.RemoveAt(mid);
                }

                return;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        if (entryHash is { } inserted)
        {
            entries.Insert(lo, new BucketEntry(leaf, inserted));
        }
    }

    private static void ForEach(int count, Action<int> body)
    {
        if (count < ParallelThreshold)
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        try
        {
            Parallel.For(0, count, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Surface the first real failure (e.g. StorageFailedException) rather than the wrapper.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }

    private static int CheckBucket(int bucket) =>
        (uint)bucket < BucketCount ? bucket : throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "a bucket is 0..65535");
}
