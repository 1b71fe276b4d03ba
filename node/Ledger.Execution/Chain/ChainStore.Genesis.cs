using Ledger.Core.Chain;
using Ledger.Core.Primitives;
using Ledger.Execution.Indexing;
using Ledger.Execution.Processing;
using Ledger.Execution.State;
using Ledger.Storage;

namespace Ledger.Execution.Chain;

public sealed partial class ChainStore
{
    /// <summary>
    /// Genesis is derived, never stored as input: every module writes its initial state (in registration order,
    /// caller 0x0, block 0, the genesis timestamp), and the header commits to the resulting state root. So a node
    /// can always recompute it and check that a data dir belongs to its genesis file and module set.
    /// </summary>
    private (Block Block, StateChangeSet Changes, StateTreeUpdate Update) BuildGenesis(StateTree tree, IBucketSource source)
    {
        var gasLimit = _genesis.Consensus.BlockGasLimit;
        var context = new BlockContext(0, _genesis.TimestampMs, Address.Zero, gasLimit, _genesis.ChainId);
        var overlay = new StagingOverlay(EmptyStateView.Instance);
        foreach (var module in _registry.All)
        {
            var scope = new CallScope(_registry, context, Address.Zero, isReadOnly: false, onModuleFault: null);
            var moduleOverlay = new StagingOverlay(overlay);
            try
            {
                module.InitializeGenesis(new ModuleContext(scope, Address.Zero, module.Address, moduleOverlay, depth: 0));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new ChainDataException($"module {module.Name} failed to write its genesis state: {e.Message}", e);
            }

            moduleOverlay.MergeInto(overlay);
        }

        var changes = overlay.ToChangeSet();
        var update = tree.Prepare(changes, source);
        var header = new BlockHeader
        {
            ParentHash = Hash32.Zero,
            Number = 0,
            TimestampMs = _genesis.TimestampMs,
            Proposer = Address.Zero,
            Round = 0,
            TransactionsRoot = MerkleRoot.EmptyRoot,
            ReceiptsRoot = MerkleRoot.EmptyRoot,
            StateRoot = update.Root,
            ValidatorSetHash = ValidatorSet.ComputeHash(_genesis.ValidatorAddresses()),
            GasUsed = 0,
            GasLimit = gasLimit,
            LogsBloom = Bloom.Empty(),
        };
        var block = new Block(header, [], new CommitCertificate(header.Hash, 0, []));
        return (block, changes, update);
    }

    private void WriteGenesis()
    {
        var world = WorldState.Load(_store, 0, _retainedStates, _historyBlocks);
        var (block, changes, update) = BuildGenesis(world.Tree, world);
        using var batch = _store.CreateBatch();
        WriteBlockRecords(batch, block, []);
        WriteIndex(batch, block, []);
        if (_accounts is not null)
        {
            AccountIndex.MarkComplete(batch);
        }

        batch.Put(Column.Meta, ChainKeys.Genesis, block.Header.Hash.ToArray());
        batch.Put(Column.Meta, ChainKeys.ChainId, ChainKeys.UInt64(_genesis.ChainId));
        batch.Put(Column.Meta, ChainKeys.Schema, ChainKeys.UInt32(ChainFormat.Current));
        batch.Put(Column.Meta, ChainKeys.GenesisDocument, ChainFormat.EncodeGenesis(_genesis));
        world.Commit(0, changes, update, block.Header.StateRoot, batch, () => WriteDurably(batch));
        _genesisHash = block.Header.Hash;
        _world = world;
        _recent.Add(block, []);
        Volatile.Write(ref _head, block);
    }
}
