using Ledger.Core.Chain;
using Ledger.Core.Primitives;
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

    /// <summary>A committed transaction with its block, its index in the block and its receipt; null if unknown.</summary>
    public (Block Block, int Index, Receipt Receipt)? FindTransaction(Hash32 transactionHash)
    {
        var location = _store.Get(Column.TxIndex, transactionHash.ToArray());
        if (location is null)
        {
            return null;
        }

        var (number, index) = ChainKeys.ReadTxLocation(location);
        var block = GetBlock(number);
        if (block is null)
        {
            return null; // indexed by a commit whose head update this thread has not seen yet
        }

        var receipts = GetReceipts(block.Header.Hash);
        if (index >= block.Transactions.Count || receipts is null || block.Transactions[index].Hash != transactionHash)
        {
            throw Inconsistent($"transaction index entry of {transactionHash} points to block {number} position {index}, which holds another transaction");
        }

        return (block, index, receipts[index]);
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
