using System.Buffers.Binary;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Execution.Indexing;
using Ledger.Execution.Snapshots;
using Ledger.Execution.State;
using Ledger.Storage;

namespace Ledger.Execution.Chain;

/// <summary>Starting a node from a verified state snapshot instead of replaying from genesis (docs/state.md, "Snapshots").</summary>
public sealed partial class ChainStore
{
    /// <summary>
    /// The base block of a node started from a snapshot (blocks, receipts, transaction lookups and account records
    /// before it are absent), or null for a node that has the whole chain.
    /// </summary>
    public ulong? SnapshotBase => _snapshotBase;

    /// <summary>
    /// Opens an EMPTY data dir from a snapshot: verifies the manifest (this chain, block H certified by a trusted set,
    /// see <see cref="SnapshotTrust"/>), proves every chunk against H's state root as it arrives, writes the state, then
    /// H (header, body, certificate) as the head, and opens the store there; the node follows from H+1 by normal sync.
    /// A fault throws <see cref="SnapshotException"/> naming it; the dir then stays marked as an interrupted import,
    /// which <see cref="Open"/> refuses, so a half-written state can never be taken for a chain.
    /// </summary>
    public void OpenFromSnapshot(SnapshotManifest manifest, IEnumerable<byte[]> chunks, IEcdsa ecdsa, Hash32? trustedBlock = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(ecdsa);
        lock (_commitLock)
        {
            if (_head is not null)
            {
                throw new InvalidOperationException("the chain store is already open");
            }

            EnsureEmpty();
            var (genesisBlock, _, _) = BuildGenesis(new StateTree(), EmptyBucketSource.Instance);
            var genesisHash = genesisBlock.Header.Hash;
            SnapshotVerifier.VerifyManifest(manifest, new SnapshotTrust(_genesis.ChainId, genesisHash, _genesis.ValidatorAddresses(), trustedBlock), ecdsa);
            var block = manifest.Block;
            var height = ChainKeys.UInt64(block.Header.Number);
            using (var marker = _store.CreateBatch())
            {
                marker.Put(Column.Meta, ChainKeys.SnapshotImport, height);
                WriteDurably(marker);
            }

            var buckets = WriteChunks(manifest, chunks);
            var root = StateTree.FromBucketHashes(buckets).Root;
            if (root != manifest.StateRoot)
            {
                throw new SnapshotException($"the snapshot's state has root {root}, block {block.Header.Number} declares {manifest.StateRoot}");
            }

            var hash = block.Header.Hash;
            using var batch = _store.CreateBatch();
            batch.Put(Column.Headers, ChainKeys.HeaderKey(hash), BlockHeaderCodec.Encode(block.Header));
            batch.Put(Column.Headers, ChainKeys.NumberKey(block.Header.Number), hash.ToArray());
            batch.Put(Column.Blocks, hash.ToArray(), BlockCodec.Encode(block));
            batch.Put(Column.Meta, ChainKeys.Head, hash.ToArray());
            batch.Put(Column.Meta, ChainKeys.Genesis, genesisHash.ToArray());
            batch.Put(Column.Meta, ChainKeys.ChainId, ChainKeys.UInt64(_genesis.ChainId));
            batch.Put(Column.Meta, ChainKeys.Schema, ChainKeys.UInt32(ChainFormat.Current));
            batch.Put(Column.Meta, ChainKeys.GenesisDocument, ChainFormat.EncodeGenesis(_genesis));
            batch.Put(Column.Meta, ChainKeys.SnapshotBase, height);

            // The index starts empty at H (records of earlier blocks cannot be classified without their blocks), but it
            // is complete from H on: marking it so keeps Open from trying to rebuild it from blocks this dir lacks.
            AccountIndex.MarkComplete(batch);
            batch.Delete(Column.Meta, ChainKeys.SnapshotImport);
            WriteDurably(batch);
            LoadExisting(genesisHash, hash);
        }
    }

    private void EnsureEmpty()
    {
        if (_store.Get(Column.Meta, ChainKeys.Genesis) is not null || _store.Get(Column.Meta, ChainKeys.Head) is not null
            || _store.Get(Column.Meta, ChainKeys.SnapshotImport) is not null || _store.Iterate(Column.State, []).Any())
        {
            throw new ChainDataException("a snapshot can only be imported into an empty data dir");
        }
    }

    /// <summary>Proves each chunk and writes its rows (values, leaf entries, bucket hashes) in one batch per chunk.</summary>
    private List<KeyValuePair<int, Hash32>> WriteChunks(SnapshotManifest manifest, IEnumerable<byte[]> chunks)
    {
        var buckets = new List<KeyValuePair<int, Hash32>>();
        var index = 0;
        var entries = new List<BucketEntry>();
        foreach (var encoded in chunks)
        {
            if (index == manifest.Chunks.Count)
            {
                throw new SnapshotException($"the snapshot has more chunks than the {manifest.Chunks.Count} its manifest lists");
            }

            var chunk = SnapshotVerifier.VerifyChunk(encoded, manifest.Chunks[index++], manifest.StateRoot);
            using var batch = _store.CreateBatch();
            var current = -1;
            foreach (var entry in chunk.Entries)
            {
                var bucket = StateKeys.BucketOf(entry.LeafKey);
                if (bucket != current)
                {
                    FlushBucket(batch, current, entries, buckets);
                    current = bucket;
                }

                var valueKey = new byte[1 + Address.Length + entry.Key.Length];
                valueKey[0] = StateKeys.ValuePrefix;
                StateKeys.WriteComposite(entry.Namespace, entry.Key, valueKey.AsSpan(1));
                batch.Put(Column.State, valueKey, entry.Value);
                var entryHash = StateKeys.EntryHash(entry.LeafKey, entry.Value);
                var leafKey = new byte[1 + Hash32.Length];
                leafKey[0] = StateKeys.EntryPrefix;
                entry.LeafKey.WriteTo(leafKey.AsSpan(1));
                batch.Put(Column.State, leafKey, entryHash.ToArray());
                entries.Add(new BucketEntry(entry.LeafKey, entryHash));
            }

            FlushBucket(batch, current, entries, buckets);

            // Not synced: the final batch is, and until it lands the import marker makes the dir unusable anyway.
            _store.Write(batch, sync: false);
        }

        if (index != manifest.Chunks.Count)
        {
            throw new SnapshotException($"the snapshot ended after {index} of the {manifest.Chunks.Count} chunks its manifest lists");
        }

        return buckets;
    }

    private static void FlushBucket(IWriteBatch batch, int bucket, List<BucketEntry> entries, List<KeyValuePair<int, Hash32>> buckets)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var hash = StateTree.HashBucket(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(entries));
        var key = new byte[3];
        key[0] = StateKeys.BucketPrefix;
        BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(1), (ushort)bucket);
        batch.Put(Column.State, key, hash.ToArray());
        buckets.Add(new(bucket, hash));
        entries.Clear();
    }
}
