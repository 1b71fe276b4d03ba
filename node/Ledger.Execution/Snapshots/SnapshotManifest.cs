using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.Execution.Snapshots;

/// <summary>
/// What a snapshot is of: the chain (id, genesis hash), the base block H with its commit certificate, the validator set
/// that certified it (its hash is in H's header) and the chunks that together hold the whole state after H.
/// </summary>
public sealed record SnapshotManifest(ulong ChainId, Hash32 GenesisHash, Block Block, IReadOnlyList<Address> Validators, IReadOnlyList<SnapshotChunkRange> Chunks)
{
    public ulong Height => Block.Header.Number;

    public Hash32 StateRoot => Block.Header.StateRoot;

    public long StateBytes => Chunks.Sum(c => (long)c.ByteLength);

    public long EntryCount => Chunks.Sum(c => (long)c.EntryCount);
}
