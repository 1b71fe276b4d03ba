using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Execution.State;

public static partial class StateProofs
{
    /// <summary>
    /// The proof of (ns, key) in the state after block <paramref name="number"/>: the head's tree and bucket are
    /// captured together, then every block diff from the head down to <paramref name="number"/> + 1 restores the
    /// older bucket hashes and the older entries of the proven bucket. Throws
    /// <see cref="StateNotRetainedException"/> when that state is no longer kept.
    /// </summary>
    public static StateProof BuildAt(WorldState world, ulong number, Address ns, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(world);
        var history = world.History;
        if (number < history.OldestBlock || world.StateAt(number) is not { } state)
        {
            throw new StateNotRetainedException(number, history.Window);
        }

        var keyBytes = key.ToArray();
        var leaf = StateKeys.LeafKey(ns, keyBytes);
        var bucket = StateKeys.BucketOf(leaf);
        var (head, nodes, headEntries) = world.CaptureHead(bucket);
        if (number >= head)
        {
            var headProof = Build(world, ns, keyBytes);
            if (headProof.BlockNumber == number)
            {
                return headProof;
            }

            // A block committed meanwhile: the asked block is history now.
            (head, nodes, headEntries) = world.CaptureHead(bucket);
        }

        var entries = new SortedDictionary<Hash32, Hash32>();
        foreach (var entry in headEntries)
        {
            entries[entry.LeafKey] = entry.EntryHash;
        }

        var changedBuckets = new HashSet<int>();
        var changedInBucket = new Dictionary<Hash32, byte[]>();
        for (var block = head; block > number; block--)
        {
            var diff = history.ReadBlock(block) ?? throw new StateNotRetainedException(number, history.Window);
            foreach (var (changed, previousHash) in diff.PreviousBuckets)
            {
                nodes[StateTree.BucketCount + changed] = previousHash; // the lowest block's diff is applied last
                changedBuckets.Add(changed);
            }

            foreach (var composite in diff.Keys)
            {
                var changedLeaf = Keccak256.Hash(composite);
                if (StateKeys.BucketOf(changedLeaf) == bucket)
                {
                    changedInBucket[changedLeaf] = composite;
                }
            }
        }

        foreach (var (changedLeaf, composite) in changedInBucket)
        {
            var value = state.Get(new Address(composite.AsSpan(0, Address.Length)), composite.AsSpan(Address.Length));
            if (value is { Length: > 0 })
            {
                entries[changedLeaf] = StateKeys.EntryHash(changedLeaf, value);
            }
            else
            {
                entries.Remove(changedLeaf);
            }
        }

        StateTree.RehashAncestors(nodes, changedBuckets);
        var list = entries.Select(e => new BucketEntry(e.Key, e.Value)).ToList();
        var proof = new StateProof(number, nodes[1], ns, keyBytes, state.Get(ns, keyBytes), list, StateTree.SiblingsIn(nodes, bucket));
        if (number < history.OldestBlock)
        {
            throw new StateNotRetainedException(number, history.Window);
        }

        return Verify(proof, proof.StateRoot)
            ? proof
            : throw new InvalidOperationException($"the rebuilt proof of block {number} does not verify against its own root");
    }
}
