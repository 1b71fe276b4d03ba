using System.Buffers.Binary;
using Ledger.Core.Primitives;

namespace Ledger.Node.Operations;

/// <summary>
/// Reads an export file (<see cref="ChainExportFormat"/>) one block record at a time. Every malformed or truncated part
/// throws <see cref="InvalidDataException"/> saying what and where; lengths are checked against the format's bounds
/// before anything is allocated.
/// </summary>
public sealed class ChainExportReader
{
    private readonly Stream _input;
    private ulong _records;
    private bool _ended;

    private ChainExportReader(Stream input, ChainExportHeader header)
    {
        _input = input;
        Header = header;
    }

    public ChainExportHeader Header { get; }

    /// <summary>Set once the end record was read: the count and last hash it declares (already checked against the records).</summary>
    public (ulong Count, Hash32 LastHash)? End { get; private set; }

    public static ChainExportReader Open(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Span<byte> fixedPart = stackalloc byte[8 + 4 + 8 + Hash32.Length + 8 + 4];
        ReadExactly(input, fixedPart, "the file ends inside its header");
        if (!fixedPart[..8].SequenceEqual(ChainExportFormat.Magic))
        {
            throw new InvalidDataException("this is not a ledger export (it does not start with \"LEDGEREX\")");
        }

        var version = BinaryPrimitives.ReadUInt32BigEndian(fixedPart[8..]);
        if (version != ChainExportFormat.Version)
        {
            throw new InvalidDataException($"export format version {version} is not supported (this ledger reads version {ChainExportFormat.Version})");
        }

        var chainId = BinaryPrimitives.ReadUInt64BigEndian(fixedPart[12..]);
        var genesisHash = new Hash32(fixedPart.Slice(20, Hash32.Length));
        var first = BinaryPrimitives.ReadUInt64BigEndian(fixedPart[52..]);
        var documentLength = BinaryPrimitives.ReadUInt32BigEndian(fixedPart[60..]);
        if (documentLength > ChainExportFormat.MaxGenesisDocumentBytes)
        {
            throw new InvalidDataException($"the header declares a {documentLength}-byte genesis document, more than the {ChainExportFormat.MaxGenesisDocumentBytes} allowed");
        }

        var document = new byte[documentLength];
        ReadExactly(input, document, "the file ends inside the genesis document of its header");
        return new ChainExportReader(input, new ChainExportHeader(chainId, genesisHash, first, document));
    }

    /// <summary>
    /// The next block record, or null after the end record (whose count is checked here; the caller checks the last
    /// hash against the block it decoded, see <see cref="End"/>).
    /// </summary>
    public byte[]? ReadBlock()
    {
        if (_ended)
        {
            return null;
        }

        var position = $"record {_records} (block {Header.FirstBlock + _records})";
        Span<byte> length = stackalloc byte[4];
        ReadExactly(_input, length, $"the file ends before {position} without its end record: it is truncated");
        var size = BinaryPrimitives.ReadUInt32BigEndian(length);
        if (size == 0)
        {
            ReadEnd();
            return null;
        }

        if (size > ChainExportFormat.MaxRecordBytes)
        {
            throw new InvalidDataException($"{position} declares {size} bytes, more than the {ChainExportFormat.MaxRecordBytes} a block may have");
        }

        var record = new byte[size];
        ReadExactly(_input, record, $"the file ends inside {position}: it is truncated");
        _records++;
        return record;
    }

    private void ReadEnd()
    {
        Span<byte> end = stackalloc byte[8 + Hash32.Length];
        ReadExactly(_input, end, "the file ends inside its end record: it is truncated");
        var count = BinaryPrimitives.ReadUInt64BigEndian(end);
        if (count != _records)
        {
            throw new InvalidDataException($"the end record declares {count} blocks, but the file holds {_records}");
        }

        Span<byte> extra = stackalloc byte[1];
        if (_input.Read(extra) != 0)
        {
            throw new InvalidDataException("the file has data after its end record");
        }

        End = (count, new Hash32(end[8..]));
        _ended = true;
    }

    private static void ReadExactly(Stream input, Span<byte> buffer, string whenShort)
    {
        try
        {
            input.ReadExactly(buffer);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException(whenShort, ex);
        }
    }
}
