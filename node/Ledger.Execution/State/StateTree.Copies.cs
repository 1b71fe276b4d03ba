using Ledger.Core.Primitives;

namespace Ledger.Execution.State;

/// <summary>Copies of the node array, for proofs of older blocks (rebuilt off the live tree).</summary>
public sealed partial class StateTree
{
    /// <summary>A copy of the heap-ordered node array (index 1 = root, bucket b at 65,536 + b), for rebuilding an older tree.</summary>
    internal Hash32[] CopyNodes() => (Hash32[])_nodes.Clone();

    /// <summary>The 16 sibling hashes of <paramref name="bucket"/> in a heap-ordered node array such as <see cref="CopyNodes"/>.</summary>
    internal static Hash32[] SiblingsIn(Hash32[] nodes, int bucket)
    {
        var siblings = new Hash32[Depth];
        var index = BucketCount + CheckBucket(bucket);
        for (var level = 0; level < Depth; level++, index >>= 1)
        {
            siblings[level] = nodes[index ^ 1];
        }

        return siblings;
    }

    /// <summary>Rehashes the ancestors of the given bucket leaves in a node array (e.g. a copy with older bucket hashes).</summary>
    internal static void RehashAncestors(Hash32[] nodes, IEnumerable<int> buckets)
    {
        var level = new SortedSet<int>();
        foreach (var bucket in buckets)
        {
            level.Add((BucketCount + CheckBucket(bucket)) >> 1);
        }

        while (level.Count > 0)
        {
            var parents = new SortedSet<int>();
            foreach (var index in level.Reverse())
            {
                nodes[index] = HashNode(nodes[2 * index], nodes[(2 * index) + 1]);
                if (index > 1)
                {
                    parents.Add(index >> 1);
                }
            }

            level = parents;
        }
    }
}
