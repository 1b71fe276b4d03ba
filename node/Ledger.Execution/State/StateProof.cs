using Ledger.Core.Primitives;

namespace Ledger.Execution.State;

/// <summary>
/// A Merkle proof of one state entry (or of its absence) against a state root (docs/state.md, "Proof of one
/// entry"): the value, every entry of its bucket in leaf-key order, and the 16 sibling hashes from the bucket
/// up to the root, bottom first.
/// </summary>
public sealed record StateProof(
    ulong BlockNumber,
    Hash32 StateRoot,
    Address Namespace,
    byte[] Key,
    byte[]? Value,
    IReadOnlyList<BucketEntry> BucketEntries,
    IReadOnlyList<Hash32> Siblings)
{
    public Hash32 LeafKey => StateKeys.LeafKey(Namespace, Key);

    public int Bucket => StateKeys.BucketOf(LeafKey);
}
