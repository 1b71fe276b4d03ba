using System.Buffers;
using System.Buffers.Binary;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Execution.State;

namespace Ledger.Execution.Snapshots;

/// <summary>
/// The snapshot wire and file format (docs/state.md, "Snapshots"). Manifest: version(1) ‖ chainId(8) ‖ genesisHash(32) ‖
/// blockLength(4) ‖ block (<see cref="BlockCodec"/>, certificate included) ‖ validatorCount(4) ‖ addresses(20 each) ‖
/// chunkCount(4) ‖ per chunk firstBucket(2) ‖ level(1) ‖ entryCount(4) ‖ byteLength(4) ‖ hash(32). Chunk: version(1) ‖
/// firstBucket(2) ‖ level(1) ‖ siblings(32 × (16 − level)) ‖ entryCount(4) ‖ per entry ns(20) ‖ keyLength(2) ‖ key ‖
/// valueLength(4) ‖ value. All integers big-endian; every count and length is bounded on decode.
/// </summary>
public static class SnapshotCodec
{
    public static byte[] EncodeManifest(SnapshotManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var block = BlockCodec.Encode(manifest.Block);
        var writer = new ArrayBufferWriter<byte>(64 + block.Length + (manifest.Validators.Count * Address.Length) + (manifest.Chunks.Count * 43));
        WriteByte(writer, SnapshotLimits.FormatVersion);
        WriteUInt64(writer, manifest.ChainId);
        manifest.GenesisHash.WriteTo(writer.GetSpan(Hash32.Length));
        writer.Advance(Hash32.Length);
        WriteInt32(writer, block.Length);
        writer.Write(block);
        WriteInt32(writer, manifest.Validators.Count);
        foreach (var validator in manifest.Validators)
        {
            validator.WriteTo(writer.GetSpan(Address.Length));
            writer.Advance(Address.Length);
        }

        WriteInt32(writer, manifest.Chunks.Count);
        foreach (var chunk in manifest.Chunks)
        {
            WriteUInt16(writer, (ushort)chunk.FirstBucket);
            WriteByte(writer, (byte)chunk.Level);
            WriteInt32(writer, chunk.EntryCount);
            WriteInt32(writer, chunk.ByteLength);
            chunk.Hash.WriteTo(writer.GetSpan(Hash32.Length));
            writer.Advance(Hash32.Length);
        }

        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a manifest and checks its shape (not its certificate: see <see cref="SnapshotVerifier.VerifyManifest"/>).</summary>
    public static SnapshotManifest DecodeManifest(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length > SnapshotLimits.MaxManifestBytes)
        {
            throw new SnapshotException($"the snapshot manifest is {encoded.Length} bytes, the limit is {SnapshotLimits.MaxManifestBytes}");
        }

        var reader = new SnapshotSpanReader(encoded, "snapshot manifest");
        CheckVersion(reader.Byte(), "manifest");
        var chainId = reader.UInt64();
        var genesisHash = new Hash32(reader.Take(Hash32.Length));
        Block block;
        try
        {
            block = BlockCodec.Decode(reader.Take(reader.Int32(SnapshotLimits.MaxManifestBytes)));
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or ArgumentException)
        {
            throw new SnapshotException($"the snapshot manifest's block is malformed: {e.Message}", e);
        }

        var validators = new Address[reader.Int32(SnapshotLimits.MaxValidators)];
        for (var i = 0; i < validators.Length; i++)
        {
            validators[i] = new Address(reader.Take(Address.Length));
        }

        var chunks = new SnapshotChunkRange[reader.Int32(SnapshotLimits.MaxChunks)];
        var next = 0;
        for (var i = 0; i < chunks.Length; i++)
        {
            var first = reader.UInt16();
            var level = reader.Byte();
            var entries = reader.Int32(int.MaxValue);
            var bytes = reader.Int32(SnapshotLimits.MaxChunkBytes);
            var range = new SnapshotChunkRange(first, level, entries, bytes, new Hash32(reader.Take(Hash32.Length)));
            CheckRange(range, i);
            if (first != next)
            {
                throw new SnapshotException($"snapshot chunk {i} starts at bucket {first}, but the chunks before it end at bucket {next - 1}: the chunks must cover the buckets in order");
            }

            next = first + range.BucketCount;
            chunks[i] = range;
        }

        reader.EnsureEnd();
        if (next != StateTree.BucketCount)
        {
            throw new SnapshotException($"the snapshot's chunks cover buckets 0..{next - 1} of {StateTree.BucketCount}: the state is incomplete");
        }

        return new SnapshotManifest(chainId, genesisHash, block, validators, chunks);
    }

    public static byte[] EncodeChunk(SnapshotChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var length = 8 + (chunk.Siblings.Count * Hash32.Length) + chunk.Entries.Sum(e => e.EncodedLength);
        var writer = new ArrayBufferWriter<byte>(length);
        WriteByte(writer, SnapshotLimits.FormatVersion);
        WriteUInt16(writer, (ushort)chunk.FirstBucket);
        WriteByte(writer, (byte)chunk.Level);
        foreach (var sibling in chunk.Siblings)
        {
            sibling.WriteTo(writer.GetSpan(Hash32.Length));
            writer.Advance(Hash32.Length);
        }

        WriteInt32(writer, chunk.Entries.Count);
        foreach (var entry in chunk.Entries)
        {
            entry.Namespace.WriteTo(writer.GetSpan(Address.Length));
            writer.Advance(Address.Length);
            WriteUInt16(writer, (ushort)entry.Key.Length);
            writer.Write(entry.Key);
            WriteInt32(writer, entry.Value.Length);
            writer.Write(entry.Value);
        }

        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a chunk (leaf keys computed here, never taken from the sender); proves nothing yet.</summary>
    public static SnapshotChunk DecodeChunk(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length > SnapshotLimits.MaxChunkBytes)
        {
            throw new SnapshotException($"the snapshot chunk is {encoded.Length} bytes, the limit is {SnapshotLimits.MaxChunkBytes}");
        }

        var reader = new SnapshotSpanReader(encoded, "snapshot chunk");
        CheckVersion(reader.Byte(), "chunk");
        var first = reader.UInt16();
        var level = reader.Byte();
        if (level > StateTree.Depth)
        {
            throw new SnapshotException($"the snapshot chunk has level {level}; the tree has {StateTree.Depth}");
        }

        var siblings = new Hash32[StateTree.Depth - level];
        for (var i = 0; i < siblings.Length; i++)
        {
            siblings[i] = new Hash32(reader.Take(Hash32.Length));
        }

        // Each entry takes at least 26 bytes, so the count is bounded by the chunk's own length.
        var entries = new SnapshotEntry[reader.Int32(encoded.Length / 26)];
        for (var i = 0; i < entries.Length; i++)
        {
            var ns = new Address(reader.Take(Address.Length));
            var keyLength = reader.UInt16();
            if (keyLength > StateKeys.MaxKeyLength)
            {
                throw new SnapshotException($"snapshot entry {i} has a {keyLength}-byte key; the limit is {StateKeys.MaxKeyLength}");
            }

            var key = reader.Take(keyLength).ToArray();
            var value = reader.Take(reader.Int32(StateKeys.MaxValueLength)).ToArray();
            entries[i] = new SnapshotEntry(ns, key, value, StateKeys.LeafKey(ns, key));
        }

        reader.EnsureEnd();
        return new SnapshotChunk(first, level, entries, siblings);
    }

    /// <summary>Keccak-256 of an encoded chunk, as the manifest lists it.</summary>
    public static Hash32 HashChunk(ReadOnlySpan<byte> encoded) => Keccak256.Hash(encoded);

    private static void CheckVersion(byte version, string what)
    {
        if (version != SnapshotLimits.FormatVersion)
        {
            throw new SnapshotException($"the snapshot {what} has format version {version}; this node reads version {SnapshotLimits.FormatVersion}");
        }
    }

    private static void CheckRange(SnapshotChunkRange range, int index)
    {
        if (range.Level > StateTree.Depth || range.FirstBucket % range.BucketCount != 0 || range.FirstBucket + range.BucketCount > StateTree.BucketCount)
        {
            throw new SnapshotException($"snapshot chunk {index} ({range.FirstBucket}, level {range.Level}) is not an aligned run of buckets");
        }
    }

    private static void WriteByte(ArrayBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    private static void WriteUInt16(ArrayBufferWriter<byte> writer, ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(writer.GetSpan(2), value);
        writer.Advance(2);
    }

    private static void WriteInt32(ArrayBufferWriter<byte> writer, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    private static void WriteUInt64(ArrayBufferWriter<byte> writer, ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }
}
