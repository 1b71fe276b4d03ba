using Ledger.Core.Chain;
using Ledger.Execution.State;

namespace Ledger.Execution.Snapshots;

/// <summary>Bounds of the snapshot format, in count and bytes (DESIGN.md §10): what a decoder accepts at most.</summary>
public static class SnapshotLimits
{
    /// <summary>The chunk size the builder aims at: big enough to amortise a round trip, small enough to retry cheaply.</summary>
    public const int DefaultChunkBytes = 1024 * 1024;

    /// <summary>
    /// The largest chunk accepted (a quarter of a peer message). Chunks are split down to single buckets; only a bucket
    /// holding more than this (billions of entries in the state) could not be snapshotted, and the builder says so.
    /// </summary>
    public const int MaxChunkBytes = BlockLimits.PeerMessageBytes / 4;

    /// <summary>At most one chunk per bucket.</summary>
    public const int MaxChunks = StateTree.BucketCount;

    /// <summary>The manifest's block is at most a block (its certificate included); the chunk list at most 41 bytes per chunk.</summary>
    public const int MaxManifestBytes = BlockLimits.PeerMessageBytes - (1024 * 1024);

    /// <summary>Validators named in a manifest.</summary>
    public const int MaxValidators = 1024;

    /// <summary>Format version written first in a manifest and in every chunk.</summary>
    public const byte FormatVersion = 1;
}
