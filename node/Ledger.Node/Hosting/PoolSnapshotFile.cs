using System.Buffers.Binary;
using Ledger.Execution.Pool;
using Microsoft.Extensions.Logging;

namespace Ledger.Node.Hosting;

/// <summary>
/// The pool saved across a graceful restart: <c>txpool.bin</c> in the data directory, written when the node stops
/// and read (every transaction re-admitted, so re-checked against the chain as it is now) when it starts, then
/// deleted. A crash (SIGKILL, power loss) writes nothing: what "acknowledged" promises then is in docs/architecture.md.
/// Format: "LGRPOOL1", a big-endian uint32 count, then per transaction a big-endian uint32 length and the raw bytes.
/// </summary>
public static partial class PoolSnapshotFile
{
    public const string FileName = "txpool.bin";

    private static readonly byte[] Magic = "LGRPOOL1"u8.ToArray();

    /// <summary>Writes the pool's transactions atomically (temporary file, flush to disk, rename); returns how many.</summary>
    public static int Save(TransactionPool pool, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var raws = pool.ExportRaw();
        var path = Path.Combine(dataDirectory, FileName);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            Span<byte> word = stackalloc byte[4];
            file.Write(Magic);
            BinaryPrimitives.WriteUInt32BigEndian(word, (uint)raws.Count);
            file.Write(word);
            foreach (var raw in raws)
            {
                BinaryPrimitives.WriteUInt32BigEndian(word, (uint)raw.Length);
                file.Write(word);
                file.Write(raw);
            }

            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        return raws.Count;
    }

    /// <summary>
    /// Re-admits a saved pool and deletes the file. A transaction that no longer passes (committed meanwhile, expired
    /// sender, pool limits) is recorded as dropped for revalidation, so its sender can still learn why.
    /// </summary>
    public static (int Restored, int Dropped) Restore(TransactionPool pool, string dataDirectory, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(logger);
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            return (0, 0);
        }

        List<byte[]> raws;
        try
        {
            raws = Read(File.ReadAllBytes(path));
        }
        catch (FormatException ex)
        {
            LogUnreadable(logger, path, ex.Message);
            File.Delete(path);
            return (0, 0);
        }

        var restored = 0;
        var dropped = 0;
        foreach (var raw in raws)
        {
            var result = pool.Admit(raw);
            if (result.IsAccepted || result.Error == AdmissionError.AlreadyKnown)
            {
                restored++;
            }
            else
            {
                dropped++;
                if (result.Hash != default)
                {
                    pool.RecordDropped(result.Hash, PoolDropReason.Revalidation, $"not reloaded after the node restarted: {result.Message}");
                }
            }
        }

        File.Delete(path);
        LogRestored(logger, restored, dropped);
        return (restored, dropped);
    }

    private static List<byte[]> Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Magic.Length + 4 || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            throw new FormatException("not a saved transaction pool (bad header)");
        }

        var count = BinaryPrimitives.ReadUInt32BigEndian(bytes[Magic.Length..]);
        var offset = Magic.Length + 4;
        var raws = new List<byte[]>((int)Math.Min(count, 1_000_000));
        for (var i = 0; i < count; i++)
        {
            if (bytes.Length - offset < 4)
            {
                throw new FormatException($"truncated at transaction {i} of {count}");
            }

            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes[offset..]);
            offset += 4;
            if (length < 0 || bytes.Length - offset < length)
            {
                throw new FormatException($"truncated at transaction {i} of {count}");
            }

            raws.Add(bytes.Slice(offset, length).ToArray());
            offset += length;
        }

        return raws;
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Reloaded the saved transaction pool: {Restored} re-admitted, {Dropped} no longer valid (recorded as dropped)")]
    private static partial void LogRestored(ILogger logger, int restored, int dropped);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "Ignored the saved transaction pool {Path}: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string path, string problem);
}
