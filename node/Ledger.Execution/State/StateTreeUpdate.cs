using Ledger.Core.Primitives;

namespace Ledger.Execution.State;

/// <summary>
/// The effect of one block's change set on the state tree, computed without touching the tree: the new root,
/// every changed node (bucket leaves and inner nodes) and the bucket entries to write. Applied after the
/// block's batch is on disk; valid only for the tree version it was computed from.
/// </summary>
public sealed class StateTreeUpdate
{
    internal StateTreeUpdate(
        long baseVersion, Hash32 root, Dictionary<int, Hash32> changedNodes, List<KeyValuePair<Hash32, Hash32?>> entryWrites, Dictionary<int, BucketEntry[]> mergedBuckets)
    {
        MergedBuckets = mergedBuckets;
        BaseVersion = baseVersion;
        Root = root;
        ChangedNodes = changedNodes;
        EntryWrites = entryWrites;
    }

    /// <summary>The <see cref="StateTree.Version"/> this update builds on.</summary>
    public long BaseVersion { get; }

    public Hash32 Root { get; }

    /// <summary>Heap index (1 = root, 65536 + b = bucket b) → new hash.</summary>
    public IReadOnlyDictionary<int, Hash32> ChangedNodes { get; }

    /// <summary>Leaf key → new entry hash, or null for a removed entry.</summary>
    public IReadOnlyList<KeyValuePair<Hash32, Hash32?>> EntryWrites { get; }

    /// <summary>Bucket → all its entries once this update is applied (what the head's <see cref="BucketCache"/> takes after the commit).</summary>
    internal IReadOnlyDictionary<int, BucketEntry[]> MergedBuckets { get; }
}
