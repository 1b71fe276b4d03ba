using Ledger.Core.Primitives;

namespace Ledger.Execution.Snapshots;

/// <summary>
/// The entries of an aligned run of <c>2^Level</c> buckets, in leaf-key order, and the <c>16 - Level</c> sibling hashes
/// from that run's subtree up to the state root: a chunk proves itself against the certified root alone
/// (<see cref="SnapshotVerifier.VerifyChunk"/>), whatever peer or file it came from.
/// </summary>
public sealed record SnapshotChunk(int FirstBucket, int Level, IReadOnlyList<SnapshotEntry> Entries, IReadOnlyList<Hash32> Siblings);
