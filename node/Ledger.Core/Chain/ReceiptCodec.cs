using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Core.Chain;

/// <summary>
/// Receipt encoding for storage and the receipts root: <c>rlp([txHash, status, gasUsed, cumulativeGasUsed,
/// [[address, [topics], data], ...], revertData, output])</c> with status 1 for success, 0 for revert.
/// </summary>
public static class ReceiptCodec
{
    public const int FieldCount = 7;

    /// <summary>Position of the logs list among a receipt's fields (after hash, status, gasUsed, cumulativeGasUsed).</summary>
    private const int LogsField = 4;

    public static byte[] Encode(Receipt receipt)
    {
        var writer = new RlpWriter(256);
        Write(writer, receipt);
        return writer.ToArray();
    }

    public static Receipt Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new RlpReader(encoded);
        var receipt = Read(ref reader);
        reader.EnsureFinished("the receipt");
        return receipt;
    }

    /// <summary>A block's receipts as one RLP list, in transaction order.</summary>
    public static byte[] EncodeList(IReadOnlyList<Receipt> receipts)
    {
        var writer = new RlpWriter(256 * (receipts.Count + 1));
        writer.StartList();
        for (var i = 0; i < receipts.Count; i++)
        {
            Write(writer, receipts[i]);
        }

        writer.EndList();
        return writer.ToArray();
    }

    public static IReadOnlyList<Receipt> DecodeList(ReadOnlySpan<byte> encoded)
    {
        var reader = new RlpReader(encoded);
        var list = reader.ReadList();
        reader.EnsureFinished("the receipt list");
        var receipts = new List<Receipt>(list.CountRemainingItems());
        while (list.HasMore)
        {
            receipts.Add(Read(ref list));
        }

        return receipts;
    }

    /// <summary>
    /// The receipt at <paramref name="index"/> of an encoded receipt list and the number of logs before it in the
    /// block (log indexes count within the block), reading only the log counts of the receipts before it. Null when
    /// the list has no receipt at <paramref name="index"/>.
    /// </summary>
    public static (Receipt Receipt, int LogsBefore)? DecodeAt(ReadOnlySpan<byte> encoded, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var reader = new RlpReader(encoded);
        var list = reader.ReadList();
        var logsBefore = 0;
        for (var i = 0; i < index; i++)
        {
            if (!list.HasMore)
            {
                return null;
            }

            var fields = list.ReadList();
            for (var skipped = 0; skipped < LogsField; skipped++)
            {
                _ = fields.ReadEncodedItem();
            }

            logsBefore += fields.ReadList().CountRemainingItems();
        }

        return list.HasMore ? (Read(ref list), logsBefore) : null;
    }

    public static void WriteLog(RlpWriter writer, LogEntry log)
    {
        writer.StartList().WriteAddress(log.Address).StartList();
        for (var t = 0; t < log.Topics.Count; t++)
        {
            writer.WriteHash(log.Topics[t]);
        }

        writer.EndList().WriteBytes(log.Data).EndList();
    }

    internal static void Write(RlpWriter writer, Receipt receipt)
    {
        writer.StartList()
            .WriteHash(receipt.TransactionHash)
            .WriteUInt64(receipt.Success ? 1UL : 0UL)
            .WriteUInt64(receipt.GasUsed)
            .WriteUInt64(receipt.CumulativeGasUsed)
            .StartList();
        for (var i = 0; i < receipt.Logs.Count; i++)
        {
            WriteLog(writer, receipt.Logs[i]);
        }

        writer.EndList()
            .WriteBytes(receipt.RevertData)
            .WriteBytes(receipt.Output)
            .EndList();
    }

    internal static Receipt Read(ref RlpReader reader)
    {
        var list = reader.ReadList();
        var count = list.CountRemainingItems();
        if (count != FieldCount)
        {
            throw new RlpException($"a receipt has {FieldCount} fields, got {count}");
        }

        var hash = list.ReadHash();
        var status = list.ReadUInt64();
        if (status > 1)
        {
            throw new RlpException($"receipt status must be 0 or 1, got {status}");
        }

        var gasUsed = list.ReadUInt64();
        var cumulative = list.ReadUInt64();
        var logsReader = list.ReadList();
        var logs = new List<LogEntry>();
        while (logsReader.HasMore)
        {
            logs.Add(ReadLog(ref logsReader));
        }

        return new Receipt
        {
            TransactionHash = hash,
            Success = status == 1,
            GasUsed = gasUsed,
            CumulativeGasUsed = cumulative,
            Logs = logs,
            RevertData = list.ReadBytes().ToArray(),
            Output = list.ReadBytes().ToArray(),
        };
    }

    private static LogEntry ReadLog(ref RlpReader reader)
    {
        var log = reader.ReadList();
        var address = log.ReadAddress();
        var topicsReader = log.ReadList();
        var topics = new List<Hash32>(4);
        while (topicsReader.HasMore)
        {
            topics.Add(topicsReader.ReadHash());
        }

        if (topics.Count > 4)
        {
            throw new RlpException($"a log has at most 4 topics, got {topics.Count}");
        }

        var data = log.ReadBytes().ToArray();
        log.EnsureFinished("a log [address, topics, data]");
        return new LogEntry(address, topics, data);
    }
}
