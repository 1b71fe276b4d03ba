using Ledger.Core.Chain;
using Ledger.Execution.Processing;
using Ledger.Execution.State;
using Ledger.Storage;

namespace Ledger.Execution.Chain;

public sealed partial class ChainStore
{
    /// <summary>Commits an executed block (the state tree update computed by the executor is reused).</summary>
    public void Commit(Block block, BlockExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(result);
        if (result.FindMismatch(block.Header) is { } mismatch)
        {
            throw new ArgumentException($"block {block.Header.Number} does not match its execution result: {mismatch}", nameof(result));
        }

        CommitCore(block, result.Receipts, result.Changes, result.TreeUpdate, rootsChecked: true);
    }

    /// <summary>
    /// Commits a block with its receipts and state changes as ONE synced WriteBatch: header, body, receipts,
    /// transaction index, account index, state, state-tree buckets and head pointer. The in-memory head and tree move only
    /// after the write returned; a failed write leaves them as they were and refuses every later commit.
    /// </summary>
    public void Commit(Block block, IReadOnlyList<Receipt> receipts, StateChangeSet changes)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(receipts);
        ArgumentNullException.ThrowIfNull(changes);
        CommitCore(block, receipts, changes, prepared: null, rootsChecked: false);
    }

    private void CommitCore(Block block, IReadOnlyList<Receipt> receipts, StateChangeSet changes, StateTreeUpdate? prepared, bool rootsChecked)
    {
        lock (_commitLock)
        {
            if (_failure is not null)
            {
                throw new InvalidOperationException("a previous commit failed to write; the chain store accepts no more blocks", _failure);
            }

            var head = Head;
            var header = block.Header;
            CheckExtendsHead(head, header);
            CheckContents(block, receipts, rootsChecked);
            using var batch = _store.CreateBatch();
            WriteBlockRecords(batch, block, receipts);
            WriteIndex(batch, block, receipts);
            World.Commit(header.Number, changes, prepared, header.StateRoot, batch, () => WriteDurably(batch));
            _recent.Add(block, receipts);
            Volatile.Write(ref _head, block);
            BlockCommitted?.Invoke(block, receipts);
        }
    }

    private static void CheckExtendsHead(Block head, BlockHeader header)
    {
        if (header.Number != head.Header.Number + 1)
        {
            throw new ArgumentException($"block {header.Number} does not follow the head: the next block is {head.Header.Number + 1}", nameof(header));
        }

        if (header.ParentHash != head.Header.Hash)
        {
            throw new ArgumentException(
                $"block {header.Number} has parent {header.ParentHash}, but the head (block {head.Header.Number}) is {head.Header.Hash}", nameof(header));
        }
    }

    private static void CheckContents(Block block, IReadOnlyList<Receipt> receipts, bool rootsChecked)
    {
        var header = block.Header;
        if (block.Certificate is null)
        {
            throw new ArgumentException($"block {header.Number} has no commit certificate; only final blocks are committed", nameof(block));
        }

        if (receipts.Count != block.Transactions.Count)
        {
            throw new ArgumentException($"block {header.Number} has {block.Transactions.Count} transactions but {receipts.Count} receipts", nameof(receipts));
        }

        for (var i = 0; i < receipts.Count; i++)
        {
            if (receipts[i].TransactionHash != block.Transactions[i].Hash)
            {
                throw new ArgumentException($"receipt {i} of block {header.Number} is for transaction {receipts[i].TransactionHash}, not {block.Transactions[i].Hash}", nameof(receipts));
            }
        }

        if (!rootsChecked)
        {
            var receiptsRoot = MerkleRoot.OfReceipts(receipts);
            var transactionsRoot = MerkleRoot.OfTransactions(block.Transactions);
            if (receiptsRoot != header.ReceiptsRoot || transactionsRoot != header.TransactionsRoot)
            {
                throw new ArgumentException($"block {header.Number} header roots do not match its transactions and receipts", nameof(block));
            }
        }
    }

    private static void WriteBlockRecords(IWriteBatch batch, Block block, IReadOnlyList<Receipt> receipts)
    {
        var header = block.Header;
        var hash = header.Hash;
        var hashBytes = hash.ToArray();
        batch.Put(Column.Headers, ChainKeys.HeaderKey(hash), BlockHeaderCodec.Encode(header));
        batch.Put(Column.Headers, ChainKeys.NumberKey(header.Number), hashBytes);
        batch.Put(Column.Blocks, hashBytes, BlockCodec.Encode(block));
        batch.Put(Column.Receipts, hashBytes, ReceiptCodec.EncodeList(receipts));
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            batch.Put(Column.TxIndex, block.Transactions[i].Hash.ToArray(), ChainKeys.TxLocation(header.Number, i));
        }

        batch.Put(Column.Meta, ChainKeys.Head, hashBytes);
    }

    private void WriteDurably(IWriteBatch batch)
    {
        try
        {
            _store.Write(batch, sync: true);
        }
        catch (Exception e)
        {
            // Nothing may be written after a failed write (DESIGN.md §6): remember it and refuse later commits.
            _failure = e;
            throw;
        }
    }
}
