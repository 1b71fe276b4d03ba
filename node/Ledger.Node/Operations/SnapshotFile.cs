using System.Buffers.Binary;
using Ledger.Execution.Snapshots;

namespace Ledger.Node.Operations;

/// <summary>
/// The snapshot file of <c>ledger snapshot export/import</c> (docs/operations.md): the magic <c>LEDGERSNAP1\n</c>, then
/// length(4, big-endian) ‖ bytes of the manifest and of each chunk in manifest order (<see cref="SnapshotCodec"/>). The
/// file is read as a stream: one chunk in memory at a time, each length bounded before it is allocated.
/// </summary>
public static class SnapshotFile
{
    private static ReadOnlySpan<byte> Magic => "LEDGERSNAP1\n"u8;

    public static void Write(ChainSnapshot snapshot, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Magic);
        WriteRecord(stream, SnapshotCodec.EncodeManifest(snapshot.Manifest));
        foreach (var chunk in snapshot.Chunks)
        {
            WriteRecord(stream, chunk);
        }
    }

    /// <summary>Reads the magic and the manifest; throws <see cref="SnapshotException"/> for a file that is not a snapshot.</summary>
    public static SnapshotManifest ReadManifest(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> magic = stackalloc byte[Magic.Length];
        if (stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length || !magic.SequenceEqual(Magic))
        {
            throw new SnapshotException("not a ledger snapshot file (bad magic)");
        }

        return SnapshotCodec.DecodeManifest(ReadRecord(stream, SnapshotLimits.MaxManifestBytes, "manifest"));
    }

    /// <summary>The chunks after the manifest, lazily: <paramref name="count"/> records, then the file must end.</summary>
    public static IEnumerable<byte[]> ReadChunks(Stream stream, int count)
    {
        ArgumentNullException.ThrowIfNull(stream);
        for (var i = 0; i < count; i++)
        {
            yield return ReadRecord(stream, SnapshotLimits.MaxChunkBytes, $"chunk {i}");
        }

        if (stream.ReadByte() != -1)
        {
            throw new SnapshotException($"the snapshot file has bytes after its {count} chunks");
        }
    }

    private static void WriteRecord(Stream stream, byte[] record)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, record.Length);
        stream.Write(length);
        stream.Write(record);
    }

    private static byte[] ReadRecord(Stream stream, int max, string what)
    {
        Span<byte> prefix = stackalloc byte[4];
        if (stream.ReadAtLeast(prefix, 4, throwOnEndOfStream: false) != 4)
        {
            throw new SnapshotException($"the snapshot file ends before its {what}");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
        if (length < 0 || length > max)
        {
            throw new SnapshotException($"the snapshot file's {what} is {length} bytes; the limit is {max}");
        }

        var record = new byte[length];
        if (stream.ReadAtLeast(record, length, throwOnEndOfStream: false) != length)
        {
            throw new SnapshotException($"the snapshot file is truncated inside its {what}");
        }

        return record;
    }
}
