using Ledger.Core.Primitives;

namespace Ledger.Execution.State;

/// <summary>
/// Builds and checks <see cref="StateProof"/>s. Proofs are of the head state: the in-memory tree and the bucket
/// rows on disk describe only the latest block.
/// </summary>
public static partial class StateProofs
{
    // A commit between reading the bucket rows and the tree can mix two blocks; the proof is checked before it
    // is returned, so such a mix is simply built again (blocks are at least a heartbeat apart).
    private const int Attempts = 5;

    /// <summary>The proof of (ns, key) in the head state of <paramref name="world"/>, verified against its root.</summary>
    public static StateProof Build(WorldState world, Address ns, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(world);
        var keyBytes = key.ToArray();
        var leaf = StateKeys.LeafKey(ns, keyBytes);
        var bucket = StateKeys.BucketOf(leaf);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var head = world.Head;
            var siblings = world.Tree.GetSiblings(bucket);
            var entries = new List<BucketEntry>();
            world.ReadEntries(bucket, entries);
            var proof = new StateProof(head.BlockNumber, head.StateRoot, ns, keyBytes, head.Get(ns, keyBytes), entries, siblings);
            if (world.Head == head && Verify(proof, head.StateRoot))
            {
                return proof;
            }
        }

        throw new InvalidOperationException($"could not build a consistent state proof in {Attempts} attempts: blocks committed throughout");
    }

    /// <summary>
    /// The independent check: leaf key, entry hash of the value (or its absence from the bucket), the bucket's
    /// order and membership, and the path to <paramref name="expectedRoot"/>.
    /// </summary>
    public static bool Verify(StateProof proof, Hash32 expectedRoot)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (proof.Siblings.Count != StateTree.Depth)
        {
            return false;
        }

        var leaf = proof.LeafKey;
        var bucket = StateKeys.BucketOf(leaf);
        var found = false;
        var entries = new BucketEntry[proof.BucketEntries.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = proof.BucketEntries[i];
            if (StateKeys.BucketOf(entry.LeafKey) != bucket || (i > 0 && entries[i - 1].LeafKey.CompareTo(entry.LeafKey) >= 0))
            {
                return false;
            }

            if (entry.LeafKey == leaf)
            {
                if (proof.Value is not { Length: > 0 } value || entry.EntryHash != StateKeys.EntryHash(leaf, value))
                {
                    return false;
                }

                found = true;
            }

            entries[i] = entry;
        }

        // Present values must be listed; an absent (or empty, i.e. deleted) value must not be.
        if (found != proof.Value is { Length: > 0 })
        {
            return false;
        }

        var node = StateTree.HashBucket(entries);
        var index = bucket;
        for (var level = 0; level < StateTree.Depth; level++, index >>= 1)
        {
            node = (index & 1) == 0 ? StateTree.HashNode(node, proof.Siblings[level]) : StateTree.HashNode(proof.Siblings[level], node);
        }

        return node == expectedRoot;
    }
}
