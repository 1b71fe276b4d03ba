using System.Buffers.Binary;
using Ledger.Core.Primitives;

namespace Ledger.Node.Operations;

/// <summary>Writes an export file (<see cref="ChainExportFormat"/>) to a stream, one block record at a time.</summary>
public sealed class ChainExportWriter
{
    private readonly Stream _output;
    private ulong _count;
    private Hash32 _last = Hash32.Zero;
    private bool _finished;

    /// <summary>Writes the header at once.</summary>
    public ChainExportWriter(Stream output, ChainExportHeader header)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        if (header.GenesisDocument.Length > ChainExportFormat.MaxGenesisDocumentBytes)
        {
            throw new ArgumentException($"the genesis document is {header.GenesisDocument.Length} bytes, more than the {ChainExportFormat.MaxGenesisDocumentBytes} an export holds", nameof(header));
        }

        _output = output;
        Span<byte> fixedPart = stackalloc byte[8 + 4 + 8 + Hash32.Length + 8 + 4];
        ChainExportFormat.Magic.CopyTo(fixedPart);
        BinaryPrimitives.WriteUInt32BigEndian(fixedPart[8..], ChainExportFormat.Version);
        BinaryPrimitives.WriteUInt64BigEndian(fixedPart[12..], header.ChainId);
        header.GenesisHash.WriteTo(fixedPart[20..]);
        BinaryPrimitives.WriteUInt64BigEndian(fixedPart[52..], header.FirstBlock);
        BinaryPrimitives.WriteUInt32BigEndian(fixedPart[60..], (uint)header.GenesisDocument.Length);
        _output.Write(fixedPart);
        _output.Write(header.GenesisDocument);
    }

    public ulong BlocksWritten => _count;

    /// <summary>Appends one block record (its stored <c>BlockCodec</c> bytes) whose header hashes to <paramref name="hash"/>.</summary>
    public void WriteBlock(ReadOnlySpan<byte> record, Hash32 hash)
    {
        if (_finished)
        {
            throw new InvalidOperationException("the export is finished");
        }

        if (record.IsEmpty || record.Length > ChainExportFormat.MaxRecordBytes)
        {
            throw new ArgumentException($"a block record is 1 to {ChainExportFormat.MaxRecordBytes} bytes, got {record.Length}", nameof(record));
        }

        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)record.Length);
        _output.Write(length);
        _output.Write(record);
        _count++;
        _last = hash;
    }

    /// <summary>Writes the end record (count and last hash) and flushes.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        Span<byte> end = stackalloc byte[4 + 8 + Hash32.Length];
        BinaryPrimitives.WriteUInt32BigEndian(end, 0);
        BinaryPrimitives.WriteUInt64BigEndian(end[4..], _count);
        _last.WriteTo(end[12..]);
        _output.Write(end);
        _output.Flush();
        _finished = true;
    }
}
