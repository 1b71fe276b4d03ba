using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Execution.State;

namespace Ledger.Execution.Snapshots;

/// <summary>
/// The checks that make a snapshot from anyone safe to load: the manifest's block is final under a trusted validator
/// set (<see cref="SnapshotTrust"/>), and every chunk proves its buckets against that block's state root.
/// </summary>
public static class SnapshotVerifier
{
    /// <summary>Throws <see cref="SnapshotException"/> unless the manifest is of this chain and its block is certified by a trusted set.</summary>
    public static void VerifyManifest(SnapshotManifest manifest, SnapshotTrust trust, IEcdsa ecdsa)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(ecdsa);
        if (manifest.ChainId != trust.ChainId || manifest.GenesisHash != trust.GenesisHash)
        {
            throw new SnapshotException(
                $"the snapshot is of chain {manifest.ChainId} with genesis {manifest.GenesisHash}; this node is chain {trust.ChainId} with genesis {trust.GenesisHash}");
        }

        var header = manifest.Block.Header;
        if (manifest.Block.Certificate is not { } certificate || certificate.Seals.Count == 0)
        {
            throw new SnapshotException($"the snapshot's block {header.Number} carries no commit certificate");
        }

        if (!CommitCertificates.Verify(certificate, header, manifest.Validators, ecdsa, out var error))
        {
            throw new SnapshotException($"the snapshot's block {header.Number} is not certified: {error}");
        }

        if (trust.TrustedBlockHash is { } trusted)
        {
            if (header.Hash != trusted)
            {
                throw new SnapshotException($"the snapshot's block {header.Number} is {header.Hash}, not the trusted block {trusted}");
            }
        }
        else if (header.ValidatorSetHash != ValidatorSet.ComputeHash(trust.GenesisValidators))
        {
            throw new SnapshotException(
                $"block {header.Number} is certified by a validator set other than genesis's: give the hash of a block you trust (--trust-block) to accept it");
        }
    }

    /// <summary>
    /// Checks an encoded chunk against its manifest entry and proves it against <paramref name="stateRoot"/>; returns the
    /// decoded chunk. Throws <see cref="SnapshotException"/> naming what is wrong.
    /// </summary>
    public static SnapshotChunk VerifyChunk(ReadOnlySpan<byte> encoded, SnapshotChunkRange range, Hash32 stateRoot)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (encoded.Length != range.ByteLength || SnapshotCodec.HashChunk(encoded) != range.Hash)
        {
            throw new SnapshotException($"the snapshot chunk of {range} does not match the manifest's hash and length: it was altered or belongs to another snapshot");
        }

        var chunk = SnapshotCodec.DecodeChunk(encoded);
        if (chunk.FirstBucket != range.FirstBucket || chunk.Level != range.Level || chunk.Entries.Count != range.EntryCount)
        {
            throw new SnapshotException($"the snapshot chunk of {range} describes buckets from {chunk.FirstBucket} at level {chunk.Level} with {chunk.Entries.Count} entries");
        }

        var root = ComputeRoot(chunk);
        if (root != stateRoot)
        {
            throw new SnapshotException($"the snapshot chunk of {range} proves state root {root}, not the certified {stateRoot}");
        }

        return chunk;
    }

    /// <summary>The root a chunk proves: its buckets' hashes, their subtree, then the sibling path up to the root.</summary>
    public static Hash32 ComputeRoot(SnapshotChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var count = 1 << chunk.Level;
        if (chunk.Siblings.Count != StateTree.Depth - chunk.Level)
        {
            throw new SnapshotException($"the snapshot chunk at level {chunk.Level} has {chunk.Siblings.Count} sibling hashes, not {StateTree.Depth - chunk.Level}");
        }

        var nodes = BucketHashes(chunk, count);
        for (var width = count; width > 1; width /= 2)
        {
            for (var i = 0; i < width / 2; i++)
            {
                nodes[i] = StateTree.HashNode(nodes[2 * i], nodes[(2 * i) + 1]);
            }
        }

        var node = nodes[0];
        var index = (StateTree.BucketCount + chunk.FirstBucket) >> chunk.Level;
        foreach (var sibling in chunk.Siblings)
        {
            node = (index & 1) == 0 ? StateTree.HashNode(node, sibling) : StateTree.HashNode(sibling, node);
            index >>= 1;
        }

        return node;
    }

    private static Hash32[] BucketHashes(SnapshotChunk chunk, int count)
    {
        var hashes = new Hash32[count];
        var entries = new List<BucketEntry>();
        var current = -1;
        Hash32? previous = null;
        foreach (var entry in chunk.Entries)
        {
            if (previous is { } p && entry.LeafKey <= p)
            {
                throw new SnapshotException($"the snapshot chunk from bucket {chunk.FirstBucket} is not in strictly ascending leaf-key order");
            }

            previous = entry.LeafKey;
            var bucket = StateKeys.BucketOf(entry.LeafKey);
            if (bucket < chunk.FirstBucket || bucket >= chunk.FirstBucket + count)
            {
                throw new SnapshotException($"the snapshot chunk of buckets {chunk.FirstBucket}..{chunk.FirstBucket + count - 1} holds an entry of bucket {bucket}");
            }

            if (bucket != current)
            {
                Flush(hashes, entries, current - chunk.FirstBucket);
                current = bucket;
            }

            entries.Add(new BucketEntry(entry.LeafKey, StateKeys.EntryHash(entry.LeafKey, entry.Value)));
        }

        Flush(hashes, entries, current - chunk.FirstBucket);
        return hashes;
    }

    private static void Flush(Hash32[] hashes, List<BucketEntry> entries, int slot)
    {
        if (entries.Count > 0)
        {
            hashes[slot] = StateTree.HashBucket(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(entries));
            entries.Clear();
        }
    }
}
