using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Execution.Chain;
using Ledger.Execution.Snapshots;
using Ledger.Execution.Tests.Support;
using Ledger.Storage.Memory;

namespace Ledger.Execution.Tests.Snapshots;

/// <summary>What a snapshot node refuses: altered chunks, a root other than the certified one, uncertified or foreign blocks.</summary>
public sealed class SnapshotRefusalTests
{
    [Fact]
    public void A_chunk_altered_in_transit_is_refused_by_its_manifest_hash_and_the_dir_stays_unusable()
    {
        var snapshot = Build(out _);
        var chunks = snapshot.Chunks.ToList();
        var altered = (byte[])chunks[3].Clone();
        altered[^1] ^= 1; // the last byte of the last value
        chunks[3] = altered;
        using var store = new MemoryKeyValueStore();

        var error = Assert.Throws<SnapshotException>(() => SnapshotChain.Unopened(store).OpenFromSnapshot(snapshot.Manifest, chunks, Ecdsa.Default));

        Assert.Contains("does not match the manifest's hash", error.Message);
        var reopen = Assert.Throws<ChainDataException>(() => SnapshotChain.Unopened(store).Open());
        Assert.Contains("interrupted snapshot import", reopen.Message);
    }

    [Fact]
    public void A_chunk_altered_with_a_manifest_to_match_is_refused_by_the_certified_state_root()
    {
        var snapshot = Build(out _);
        var chunk = SnapshotCodec.DecodeChunk(snapshot.Chunks[2]);
        var entries = chunk.Entries.ToList();
        var victim = entries[0];
        entries[0] = victim with { Value = [.. victim.Value, 0x01] }; // a richer balance, a bumped nonce: any change
        var forged = SnapshotCodec.EncodeChunk(chunk with { Entries = entries });
        var ranges = snapshot.Manifest.Chunks.ToList();
        ranges[2] = ranges[2] with { ByteLength = forged.Length, Hash = SnapshotCodec.HashChunk(forged) };
        var manifest = snapshot.Manifest with { Chunks = ranges };
        var chunks = snapshot.Chunks.ToList();
        chunks[2] = forged;

        var error = Assert.Throws<SnapshotException>(() => SnapshotChain.Unopened(new MemoryKeyValueStore()).OpenFromSnapshot(manifest, chunks, Ecdsa.Default));

        Assert.Contains($"proves state root", error.Message);
        Assert.Contains(snapshot.Manifest.StateRoot.ToString(), error.Message);
    }

    [Fact]
    public void State_labelled_with_another_certified_block_is_refused_because_its_root_does_not_match()
    {
        var snapshot = Build(out var source);
        var older = source.Chain.GetBlock(snapshot.Manifest.Height - 1)!; // final and certified, but another state root
        var manifest = snapshot.Manifest with { Block = older };

        var error = Assert.Throws<SnapshotException>(() => SnapshotChain.Unopened(new MemoryKeyValueStore()).OpenFromSnapshot(manifest, snapshot.Chunks, Ecdsa.Default));

        Assert.Contains($"not the certified {older.Header.StateRoot}", error.Message);
    }

    [Fact]
    public void A_block_without_a_valid_quorum_certificate_is_refused_before_any_state_is_written()
    {
        var snapshot = Build(out _);
        var header = snapshot.Manifest.Block.Header;
        var stranger = CommitCertificates.CreateSeal(header.Hash, 0, DevKeys.PrivateKey(3), Ecdsa.Default);
        var forged = snapshot.Manifest with { Block = snapshot.Manifest.Block with { Certificate = new CommitCertificate(header.Hash, 0, [stranger]) } };
        using var store = new MemoryKeyValueStore();

        var error = Assert.Throws<SnapshotException>(() => SnapshotChain.Unopened(store).OpenFromSnapshot(forged, snapshot.Chunks, Ecdsa.Default));

        Assert.Contains("is not certified", error.Message);
        Assert.Equal(0, store.Count(Storage.Column.State));
        SnapshotChain.Unopened(store).Open(); // nothing was written: the dir is still usable (here: a fresh genesis)
    }

    [Fact]
    public void A_snapshot_of_another_chain_or_an_untrusted_block_is_refused()
    {
        var snapshot = Build(out _);
        var genesisHash = snapshot.Manifest.GenesisHash;
        var validators = new[] { DevKeys.Address(SnapshotChain.Validator) };

        var chain = Assert.Throws<SnapshotException>(() => SnapshotVerifier.VerifyManifest(snapshot.Manifest, new SnapshotTrust(7, genesisHash, validators), Ecdsa.Default));
        var otherSet = Assert.Throws<SnapshotException>(() => SnapshotVerifier.VerifyManifest(snapshot.Manifest, new SnapshotTrust(TestChain.ChainId, genesisHash, [DevKeys.Address(1)]), Ecdsa.Default));
        var wrongTrust = Assert.Throws<SnapshotException>(() => SnapshotVerifier.VerifyManifest(snapshot.Manifest, new SnapshotTrust(TestChain.ChainId, genesisHash, [DevKeys.Address(1)], Hash32.Zero), Ecdsa.Default));

        Assert.Contains("is of chain 4242", chain.Message);
        Assert.Contains("other than genesis's", otherSet.Message);
        Assert.Contains("not the trusted block", wrongTrust.Message);

        // The operator's trusted hash is what admits a block of a set other than genesis's.
        SnapshotVerifier.VerifyManifest(snapshot.Manifest, new SnapshotTrust(TestChain.ChainId, genesisHash, [DevKeys.Address(1)], snapshot.Manifest.Block.Header.Hash), Ecdsa.Default);
    }

    [Fact]
    public void A_snapshot_missing_a_chunk_or_with_one_too_many_is_refused()
    {
        var snapshot = Build(out _);

        var missing = Assert.Throws<SnapshotException>(() => SnapshotChain.Unopened(new MemoryKeyValueStore()).OpenFromSnapshot(snapshot.Manifest, snapshot.Chunks.Take(snapshot.Chunks.Count - 1), Ecdsa.Default));
        var extra = Assert.Throws<SnapshotException>(() => SnapshotChain.Unopened(new MemoryKeyValueStore()).OpenFromSnapshot(snapshot.Manifest, [.. snapshot.Chunks, snapshot.Chunks[0]], Ecdsa.Default));

        Assert.Contains($"ended after {snapshot.Chunks.Count - 1} of the {snapshot.Chunks.Count} chunks", missing.Message);
        Assert.Contains("more chunks than", extra.Message);
    }

    [Fact]
    public void A_manifest_whose_chunks_leave_buckets_uncovered_or_that_is_truncated_does_not_decode()
    {
        var snapshot = Build(out _);
        var gap = snapshot.Manifest with { Chunks = snapshot.Manifest.Chunks.Skip(1).ToList() };
        var encoded = SnapshotCodec.EncodeManifest(snapshot.Manifest);

        var gapError = Assert.Throws<SnapshotException>(() => SnapshotCodec.DecodeManifest(SnapshotCodec.EncodeManifest(gap)));
        var truncated = Assert.Throws<SnapshotException>(() => SnapshotCodec.DecodeManifest(encoded.AsSpan(0, encoded.Length - 5)));
        var roundTrip = SnapshotCodec.DecodeManifest(encoded);

        Assert.Contains("starts at bucket", gapError.Message);
        Assert.Contains("truncated", truncated.Message);
        Assert.Equal(snapshot.Manifest.Block.Header.Hash, roundTrip.Block.Header.Hash);
        Assert.Equal(snapshot.Manifest.Chunks, roundTrip.Chunks);
    }

    private static ChainSnapshot Build(out TestChain source)
    {
        source = new TestChain();
        SnapshotChain.Produce(source, 20);
        return SnapshotChain.Snapshot(source.Chain);
    }
}
