using Ledger.Core.Chain;

namespace Ledger.Node.Operations;

public sealed partial class ChainVerifier
{
    /// <summary>
    /// The block's other records must be exactly what the replay wrote: the header record, the receipts (against the
    /// re-executed ones, so a receipt changed on disk is named even though its block is sound) and the transaction index.
    /// </summary>
    private void CheckRecords(Block block, IReadOnlyList<Receipt> receipts)
    {
        var header = block.Header;
        var number = header.Number;
        var hash = header.Hash;
        if (_source.HeaderRecord(hash) is not { } headerRecord || !headerRecord.AsSpan().SequenceEqual(BlockHeaderCodec.Encode(header)))
        {
            throw new Fault(number, $"block {number}: the stored header record of {hash} is missing or differs from the block's header");
        }

        var stored = _source.ReceiptsRecord(hash) ?? throw new Fault(number, $"block {number}: its receipts are missing");
        if (!stored.AsSpan().SequenceEqual(ReceiptCodec.EncodeList(receipts)))
        {
            throw new Fault(number, $"block {number}: {DescribeReceiptDifference(stored, receipts)}");
        }

        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var tx = block.Transactions[i].Hash;
            (ulong Number, int Index)? location;
            try
            {
                location = _source.TransactionLocation(tx);
            }
            catch (InvalidDataException ex)
            {
                throw new Fault(number, $"block {number}: the transaction index entry of transaction {i} ({tx}) is malformed: {ex.Message}");
            }

            if (location != (number, i))
            {
                var found = location is { } l ? $"block {l.Number} position {l.Index}" : "nothing";
                throw new Fault(number, $"block {number}: the transaction index places transaction {i} ({tx}) at {found}");
            }
        }
    }

    private static string DescribeReceiptDifference(byte[] stored, IReadOnlyList<Receipt> replayed)
    {
        IReadOnlyList<Receipt> decoded;
        try
        {
            decoded = ReceiptCodec.DecodeList(stored);
        }
        catch (FormatException ex)
        {
            return $"its stored receipts are malformed ({ex.Message})";
        }

        if (decoded.Count != replayed.Count)
        {
            return $"{decoded.Count} receipts are stored, re-execution gives {replayed.Count}";
        }

        for (var i = 0; i < decoded.Count; i++)
        {
            var (s, r) = (decoded[i], replayed[i]);
            var field = s.TransactionHash != r.TransactionHash ? $"transaction hash {s.TransactionHash}, re-execution {r.TransactionHash}"
                : s.Success != r.Success ? $"status {(s.Success ? 1 : 0)}, re-execution {(r.Success ? 1 : 0)}"
                : s.GasUsed != r.GasUsed ? $"gas used {s.GasUsed}, re-execution {r.GasUsed}"
                : s.CumulativeGasUsed != r.CumulativeGasUsed ? $"cumulative gas {s.CumulativeGasUsed}, re-execution {r.CumulativeGasUsed}"
                : !ReceiptCodec.Encode(s).AsSpan().SequenceEqual(ReceiptCodec.Encode(r)) ? "logs, revert data or output differ from re-execution"
                : null;
            if (field is not null)
            {
                return $"stored receipt {i} (transaction {r.TransactionHash}) differs: stored {field}";
            }
        }

        return "its stored receipts are encoded differently from the re-executed ones";
    }
}
