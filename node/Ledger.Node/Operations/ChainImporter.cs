using System.Diagnostics;
using Ledger.Core.Chain;

namespace Ledger.Node.Operations;

/// <summary>
/// <c>ledger import</c>: reads an export file block by block into a chain. A block the chain already has must be the
/// same block (same hash); the next one is verified and re-executed by <see cref="BlockReplayer"/> exactly as a block
/// from a peer, then committed in its own synced batch. A fault stops the import at that block, naming it; every block
/// before it stays committed, so running the import again resumes where it stopped.
/// </summary>
public static class ChainImporter
{
    /// <summary>
    /// Throws <see cref="BlockReplayException"/> for a bad block, <see cref="InvalidDataException"/> for a malformed file, and
    /// <see cref="ArgumentException"/> (before anything is written) for an export of another chain or one that starts after the head + 1.
    /// </summary>
    public static ImportReport Import(ChainExportReader reader, BlockReplayer replayer, Action<ulong>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(replayer);
        var clock = Stopwatch.StartNew();
        var chain = replayer.Chain;
        var header = reader.Header;
        if (header.ChainId != chain.Genesis.ChainId || header.GenesisHash != chain.GenesisHash)
        {
            throw new ArgumentException(
                $"the export is of chain {header.ChainId} with genesis {header.GenesisHash}; this data dir is chain {chain.Genesis.ChainId} with genesis {chain.GenesisHash}");
        }

        if (header.FirstBlock > chain.HeadNumber + 1)
        {
            throw new ArgumentException(
                $"the export starts at block {header.FirstBlock}, but this data dir's head is block {chain.HeadNumber}: import blocks {chain.HeadNumber + 1}-{header.FirstBlock - 1} first");
        }

        ulong present = 0, imported = 0, transactions = 0;
        var number = header.FirstBlock;
        Block? last = null;
        for (var record = reader.ReadBlock(); record is not null; record = reader.ReadBlock(), number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (number <= chain.HeadNumber)
            {
                last = CheckPresent(record, number, chain);
                present++;
                continue;
            }

            var replayed = replayer.Verify(record);
            replayer.Commit(replayed);
            last = replayed.Block;
            imported++;
            transactions += (ulong)last.Transactions.Count;
            if (number % 1_000 == 0)
            {
                progress?.Invoke(number);
            }
        }

        if (reader.End is { } end && end.Count > 0 && last?.Header.Hash != end.LastHash)
        {
            throw new InvalidDataException($"the end record names {end.LastHash} as the last block, but the last block read is {last?.Header.Hash}");
        }

        return new ImportReport(present, imported, transactions, chain.HeadNumber, clock.Elapsed);
    }

    private static Block CheckPresent(byte[] record, ulong number, Execution.Chain.ChainStore chain)
    {
        Block block;
        try
        {
            block = BlockCodec.Decode(record);
        }
        catch (FormatException ex)
        {
            throw new BlockReplayException(number, $"block {number} in the export is malformed: {ex.Message}", ex);
        }

        var stored = chain.GetHeader(number)?.Hash;
        if (block.Header.Number != number || block.Header.Hash != stored)
        {
            throw new BlockReplayException(number, $"block {number} in the export ({block.Header.Hash}) differs from block {number} of this data dir ({stored})");
        }

        return block;
    }
}
