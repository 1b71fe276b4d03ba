using Ledger.Core.Chain;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Execution.State;
using Ledger.Storage;

namespace Ledger.Execution.Chain;

public sealed partial class ChainStore
{
    /// <summary>
    /// The state after block <paramref name="number"/>: the last <c>historyBlocks</c> (128 by default) blocks,
    /// also after a restart. Older ones throw <see cref="StateNotRetainedException"/>; a block after the head
    /// throws <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    public IStateView StateAt(ulong number)
    {
        var head = HeadNumber;
        if (number > head)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, $"block {number} does not exist yet (head is {head})");
        }

        return World.StateAt(number) ?? throw new StateNotRetainedException(number, World.History.Window);
    }

    /// <summary>True while the state after block <paramref name="number"/> is readable (re-check after a long read).</summary>
    public bool IsStateRetained(ulong number) => number <= HeadNumber && number >= World.History.OldestBlock;

    /// <summary>A Merkle proof of (ns, key) in the state after block <paramref name="number"/> (see <see cref="StateAt"/>).</summary>
    public StateProof GetProof(ulong number, Address ns, ReadOnlySpan<byte> key)
    {
        var head = HeadNumber;
        if (number > head)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, $"block {number} does not exist yet (head is {head})");
        }

        return StateProofs.BuildAt(World, number, ns, key);
    }

    public Block? GetBlock(ulong number)
    {
        if (number > HeadNumber)
        {
            return null; // the block may be on disk a moment before the head moves; never show it early
        }

        if (_recent.TryGet(number, out var block, out _))
        {
            return block;
        }

        var hash = ReadCanonicalHash(number);
        return hash is { } h ? ReadBlock(h) : null;
    }

    public Block? GetBlock(Hash32 hash) =>
        _recent.TryGet(hash, out var block, out _) ? block : ReadBlock(hash) is { } stored && stored.Header.Number <= HeadNumber ? stored : null;

    public BlockHeader? GetHeader(ulong number)
    {
        if (number > HeadNumber)
        {
            return null;
        }

        if (_recent.TryGet(number, out var block, out _))
        {
            return block.Header;
        }

        return ReadCanonicalHash(number) is { } hash ? ReadHeader(hash) : null;
    }

    public BlockHeader? GetHeader(Hash32 hash) =>
        _recent.TryGet(hash, out var block, out _) ? block.Header : ReadHeader(hash) is { } header && header.Number <= HeadNumber ? header : null;

    /// <summary>Receipts of a committed block in transaction order, or null if the block is unknown.</summary>
    public IReadOnlyList<Receipt>? GetReceipts(Hash32 blockHash)
    {
        if (_recent.TryGet(blockHash, out _, out var receipts))
        {
            return receipts;
        }

        if (GetHeader(blockHash) is null)
        {
            return null;
        }

        var stored = _store.Get(Column.Receipts, blockHash.ToArray());
        return stored is null ? throw Inconsistent($"receipts of block {blockHash} are missing") : ReceiptCodec.DecodeList(stored);
    }

    /// <summary>
    /// A committed transaction with its block's header, its index in the block, its receipt and the number of logs
    /// before it in the block; null if unknown. A block still in memory is read from there; an older one is read
    /// from disk decoding only this transaction and receipt (a block holds thousands: decoding all of them made each
    /// lookup by hash cost the whole block).
    /// </summary>
    public CommittedTransaction? FindTransaction(Hash32 transactionHash)
    {
        var location = _store.Get(Column.TxIndex, transactionHash.ToArray());
        if (location is null)
        {
            return null;
        }

        var (number, index) = ChainKeys.ReadTxLocation(location);
        if (number > HeadNumber)
        {
            return null; // indexed by a commit whose head update this thread has not seen yet
        }

        var found = _recent.TryGet(number, out var block, out var receipts)
            ? FromMemory(block, receipts, index)
            : FromDisk(number, index);
        if (found is null || found.Transaction.Hash != transactionHash)
        {
            throw Inconsistent($"transaction index entry of {transactionHash} points to block {number} position {index}, which holds another transaction");
        }

        return found;
    }

    private static CommittedTransaction? FromMemory(Block block, IReadOnlyList<Receipt> receipts, int index)
    {
        if (index >= block.Transactions.Count || index >= receipts.Count)
        {
            return null;
        }

        var logsBefore = 0;
        for (var i = 0; i < index; i++)
        {
            logsBefore += receipts[i].Logs.Count;
        }

        return new CommittedTransaction(block.Header, block.Transactions[index], index, receipts[index], logsBefore);
    }

    /// <summary>The transaction at <paramref name="index"/> of committed block <paramref name="number"/> and its block's header; null if either does not exist.</summary>
    public (BlockHeader Header, SignedTransaction Transaction)? GetTransactionAt(ulong number, int index)
    {
        if (number > HeadNumber || index < 0)
        {
            return null;
        }

        if (_recent.TryGet(number, out var block, out _))
        {
            return index < block.Transactions.Count ? (block.Header, block.Transactions[index]) : null;
        }

        return ReadEncodedBlock(number) is { } encoded ? BlockCodec.DecodeTransactionAt(encoded, index) : null;
    }

    /// <summary>How many transactions committed block <paramref name="number"/> holds; null if it does not exist.</summary>
    public int? GetTransactionCount(ulong number)
    {
        if (number > HeadNumber)
        {
            return null;
        }

        if (_recent.TryGet(number, out var block, out _))
        {
            return block.Transactions.Count;
        }

        return ReadEncodedBlock(number) is { } encoded ? BlockCodec.CountTransactions(encoded) : null;
    }

    private byte[]? ReadEncodedBlock(ulong number) =>
        ReadCanonicalHash(number) is { } hash ? _store.Get(Column.Blocks, hash.ToArray()) : null;

    private CommittedTransaction? FromDisk(ulong number, int index)
    {
        var hash = ReadCanonicalHash(number) ?? throw Inconsistent($"block {number} is indexed but has no canonical hash");
        var encodedBlock = _store.Get(Column.Blocks, hash.ToArray()) ?? throw Inconsistent($"block {number} ({hash}) is missing");
        var encodedReceipts = _store.Get(Column.Receipts, hash.ToArray()) ?? throw Inconsistent($"receipts of block {hash} are missing");
        if (BlockCodec.DecodeTransactionAt(encodedBlock, index) is not { } tx || ReceiptCodec.DecodeAt(encodedReceipts, index) is not { } receipt)
        {
            return null;
        }

        return new CommittedTransaction(tx.Header, tx.Transaction, index, receipt.Receipt, receipt.LogsBefore);
    }

    private Hash32? ReadCanonicalHash(ulong number)
    {
        var value = _store.Get(Column.Headers, ChainKeys.NumberKey(number));
        return value is null ? null : new Hash32(value);
    }

    private Block? ReadBlock(Hash32 hash)
    {
        var value = _store.Get(Column.Blocks, hash.ToArray());
        return value is null ? null : BlockCodec.Decode(value);
    }

    private BlockHeader? ReadHeader(Hash32 hash)
    {
        var value = _store.Get(Column.Headers, ChainKeys.HeaderKey(hash));
        return value is null ? null : BlockHeaderCodec.Decode(value);
    }

    private static ChainDataException Inconsistent(string what) => new($"{what}: database is inconsistent");
}
