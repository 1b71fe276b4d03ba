using System.Buffers.Binary;
using Ledger.Core.Chain;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.Indexing;
using Ledger.Execution.Modules;
using Ledger.Execution.State;
using Ledger.Storage;

namespace Ledger.Execution.Chain;

/// <summary>
/// The node's chain: blocks, receipts, indexes and world state in one key-value store, each block committed
/// as one synced WriteBatch (DESIGN.md §6). One writer commits; any number of threads query.
/// Readers never see half a block: the store applies a batch atomically, the in-memory head moves only after
/// the batch is durable, and state is read through <see cref="StateSnapshot"/>s that stay consistent while
/// later blocks commit.
/// </summary>
public sealed partial class ChainStore
{
    private readonly IKeyValueStore _store;
    private readonly ModuleRegistry _registry;
    private readonly GenesisConfig _genesis;
    private readonly int _retainedStates;
    private readonly int _historyBlocks;
    private readonly RecentBlocks _recent;
    private readonly Lock _commitLock = new();
    private readonly AccountIndex? _accounts;
    private WorldState? _world;
    private Block? _head;
    private Hash32 _genesisHash;
    private Exception? _failure;
    private ulong? _snapshotBase;

    /// <param name="retainedStates">Recent states kept in memory (fastest reads).</param>
    /// <param name="recentBlocks">Recent blocks and receipts kept decoded.</param>
    /// <param name="historyBlocks">Blocks whose state stays readable, also after a restart (reverse diffs on disk).</param>
    /// <param name="records">
    /// Classifies each block's records for the account index (written in the block's batch, docs/state.md); null keeps
    /// no index (tests of the chain alone).
    /// </param>
    public ChainStore(
        IKeyValueStore store,
        ModuleRegistry registry,
        GenesisConfig genesis,
        int retainedStates = 16,
        int recentBlocks = 128,
        int historyBlocks = WorldState.DefaultHistoryBlocks,
        IRecordClassifier? records = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentOutOfRangeException.ThrowIfLessThan(retainedStates, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(recentBlocks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(historyBlocks, 1);
        _store = store;
        _registry = registry;
        _genesis = genesis;
        _retainedStates = retainedStates;
        _historyBlocks = historyBlocks;
        _recent = new RecentBlocks(recentBlocks);
        _accounts = records is null ? null : new AccountIndex(store, records);
    }

    /// <summary>
    /// Raised after a block is durable and the head has moved, on the committing thread, in commit order.
    /// An exception from a handler reaches the committer, but the block stays committed.
    /// </summary>
    public event Action<Block, IReadOnlyList<Receipt>>? BlockCommitted;

    public Block Head => Volatile.Read(ref _head) ?? throw NotOpen();

    public ulong HeadNumber => Head.Header.Number;

    public Hash32 GenesisHash => _head is null ? throw NotOpen() : _genesisHash;

    public GenesisConfig Genesis => _genesis;

    public ModuleRegistry Registry => _registry;

    /// <summary>State after the head block; stays consistent (that block's state) even while later blocks commit.</summary>
    public StateSnapshot LatestState => World.Head;

    /// <summary>The world state and state tree (for proofs).</summary>
    public WorldState World => _world ?? throw NotOpen();

    /// <summary>
    /// Writes genesis into an empty store, or checks that a non-empty one is of a format this binary reads, belongs to
    /// this genesis and is consistent at its head, and migrates an older format (<see cref="MigratedFromFormat"/>).
    /// Throws <see cref="ChainDataException"/> if not.
    /// </summary>
    public void Open()
    {
        lock (_commitLock)
        {
            if (_head is not null)
            {
                throw new InvalidOperationException("the chain store is already open");
            }

            // The format first: a newer layout is refused before any of its keys is read as if it were ours.
            var format = ChainFormat.Read(_store);
            if (format is { } version)
            {
                ChainFormat.EnsureSupported(version);
            }

            if (_store.Get(Column.Meta, ChainKeys.SnapshotImport) is not null)
            {
                throw new ChainDataException("the data dir holds an interrupted snapshot import: delete it and import again");
            }

            var storedGenesis = _store.Get(Column.Meta, ChainKeys.Genesis);
            var storedHead = _store.Get(Column.Meta, ChainKeys.Head);
            if (storedGenesis is null && storedHead is null)
            {
                if (format is not null)
                {
                    throw new ChainDataException("the database records a format version but no chain: it is inconsistent");
                }

                WriteGenesis();
                return;
            }

            if (storedGenesis is null || storedHead is null)
            {
                throw new ChainDataException("the database has a " + (storedGenesis is null ? "head but no genesis hash" : "genesis hash but no head") + ": it is inconsistent");
            }

            LoadExisting(new Hash32(storedGenesis), new Hash32(storedHead));
            if (format < ChainFormat.Current)
            {
                Migrate(format.Value);
            }

            EnsureAccountIndex();
        }
    }

    private void LoadExisting(Hash32 storedGenesis, Hash32 headHash)
    {
        var storedChainId = _store.Get(Column.Meta, ChainKeys.ChainId);
        if (storedChainId is not null && !storedChainId.AsSpan().SequenceEqual(ChainKeys.UInt64(_genesis.ChainId)))
        {
            var stored = storedChainId.Length == 8 ? BinaryPrimitives.ReadUInt64BigEndian(storedChainId).ToString() : "0x" + Convert.ToHexStringLower(storedChainId);
            throw new ChainDataException($"data dir belongs to chain id {stored}, this genesis is for chain id {_genesis.ChainId}");
        }

        var (genesisBlock, _, _) = BuildGenesis(new StateTree(), EmptyBucketSource.Instance);
        if (genesisBlock.Header.Hash != storedGenesis)
        {
            throw new ChainDataException(
                $"data dir belongs to a different genesis: it was created with genesis {storedGenesis}, this genesis gives {genesisBlock.Header.Hash}");
        }

        var head = ReadBlock(headHash) ?? throw new ChainDataException($"head block {headHash} is missing: database is inconsistent");
        var number = head.Header.Number;
        if (ReadCanonicalHash(number) != headHash)
        {
            throw new ChainDataException($"head block {headHash} is not the canonical block at height {number}: database is inconsistent");
        }

        var world = WorldState.Load(_store, number, _retainedStates, _historyBlocks);
        if (world.Tree.Root != head.Header.StateRoot)
        {
            throw new ChainDataException(
                $"state root mismatch at head {number}: database is inconsistent (header {head.Header.StateRoot}, state tree {world.Tree.Root})");
        }

        _genesisHash = storedGenesis;
        _snapshotBase = _store.Get(Column.Meta, ChainKeys.SnapshotBase) is { Length: 8 } snapshotBase ? BinaryPrimitives.ReadUInt64BigEndian(snapshotBase) : null;
        _world = world;
        Volatile.Write(ref _head, head);
    }

    private static InvalidOperationException NotOpen() => new("the chain store is not open: call Open() first");
}
