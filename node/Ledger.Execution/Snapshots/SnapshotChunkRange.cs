using Ledger.Core.Primitives;

namespace Ledger.Execution.Snapshots;

/// <summary>
/// A manifest's description of one chunk: the aligned run of <c>2^Level</c> buckets from <see cref="FirstBucket"/> it
/// holds, how many entries and encoded bytes, and the Keccak of its encoding (so a chunk is pinned before it is parsed).
/// </summary>
public sealed record SnapshotChunkRange(int FirstBucket, int Level, int EntryCount, int ByteLength, Hash32 Hash)
{
    public int BucketCount => 1 << Level;

    public override string ToString() => $"buckets {FirstBucket}..{FirstBucket + BucketCount - 1}";
}
