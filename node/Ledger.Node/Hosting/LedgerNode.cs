using Ledger.Consensus.Signing;
using Ledger.Contracts;
using Ledger.Contracts.Records;
using Ledger.Contracts.Validators;
using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.Execution.Chain;
using Ledger.Execution.Modules;
using Ledger.Execution.Pool;
using Ledger.Execution.Processing;
using Ledger.Network;
using Ledger.Node.Backend;
using Ledger.Node.Configuration;
using Ledger.Node.Consensus;
using Ledger.Node.Monitoring;
using Ledger.Node.Production;
using Ledger.Storage;
using Microsoft.Extensions.Logging;

namespace Ledger.Node.Hosting;

/// <summary>
/// A node's parts wired together over one key-value store: modules from genesis, the chain store, the
/// executor, the pool, the block producer (one validator) or the peer network and consensus driver (a
/// consortium), and the JSON-RPC backend. Owns the store: disposing stops production (letting an in-flight
/// commit finish) and then closes the store.
/// </summary>
public sealed partial class LedgerNode : IAsyncDisposable
{
    /// <summary>How often queued transactions past their lifetime are dropped.</summary>
    private static readonly TimeSpan PoolMaintenanceInterval = TimeSpan.FromSeconds(5);

    private readonly IKeyValueStore _store;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private ITimer? _poolMaintenance;
    private readonly Lock _stopGate = new();
    private int _disposed;
    private Task? _consortiumStop;

    private readonly BlockProducer? _producer;

    private LedgerNode(
        IKeyValueStore store, ChainStore chain, TransactionPool pool, BlockExecutor executor, BlockProducer? producer, NodeMetrics metrics, ILogger logger, TimeProvider? time, ConsortiumParts? consortium = null)
    {
        _store = store;
        _time = time ?? TimeProvider.System;
        Chain = chain;
        Pool = pool;
        Executor = executor;
        _producer = producer;
        Network = consortium?.Network;
        Consensus = consortium?.Driver;
        Metrics = metrics;
        _logger = logger;
        Backend = new LedgerBackend(chain, pool, executor, producer is not null ? producer.Notify : consortium!.Driver.Notify);
        if (consortium is not null)
        {
            // Client-submitted transactions go to every peer, so whichever validator proposes next can include them.
            Backend.TransactionSubmitted += tx => consortium.Driver.Gossip(tx.Raw);
            Backend.AttachConsortium(consortium.Network, consortium.Driver);
        }

        metrics.Registry.AddBeforeCollectCallback(() =>
        {
            metrics.PoolSize.Set(pool.Count);
            metrics.PoolBytes.Set(pool.Bytes);
            metrics.PoolQueued.Set(pool.QueuedCount);
            metrics.PoolSenders.Set(pool.SenderCount);
            foreach (var reason in Enum.GetValues<PoolDropReason>())
            {
                metrics.PoolDropped.WithLabels(LedgerBackend.ReasonName(reason)).IncTo(pool.DroppedCount(reason));
            }

            metrics.BlockHeight.Set(chain.HeadNumber);
            metrics.PeersConnected.Set(Network?.ConnectedPeerCount ?? 0);
            if (Network is { } network)
            {
                // The network counts without Prometheus; its counters only grow, so IncTo mirrors them.
                metrics.ConsensusMessagesDropped.WithLabels("inbound_full").IncTo(network.DroppedInboundConsensus);
                metrics.GossipDropped.WithLabels("peer_queue_full").IncTo(network.DroppedGossip);
                metrics.GossipDropped.WithLabels("inbound_full").IncTo(network.DroppedInboundTransactions);
                metrics.GossipDropped.WithLabels("oversized_batch").IncTo(network.OversizedTransactionBatches);
            }
            metrics.PeerQueued.Set(Network?.QueuedOutbound ?? 0);
            metrics.SyncLag.Set(Consensus?.LagBlocks ?? 0);
        });
    }

    public ChainStore Chain { get; }

    public TransactionPool Pool { get; }

    public BlockExecutor Executor { get; }

    /// <summary>The single validator's producer; a consortium node has <see cref="Consensus"/> instead.</summary>
    public BlockProducer Producer => _producer
        ?? throw new InvalidOperationException("this node runs consortium consensus (several validators), not the single-validator producer");

    /// <summary>The peer mesh of a consortium node; null for a single validator.</summary>
    public PeerNetwork? Network { get; }

    /// <summary>The QBFT driver of a consortium node; null for a single validator.</summary>
    public ConsensusDriver? Consensus { get; }

    /// <summary>True once block production or consensus stopped after a failure.</summary>
    public bool HasFailed => _producer?.HasFailed ?? Consensus?.HasFailed ?? false;

    public LedgerBackend Backend { get; }

    public NodeMetrics Metrics { get; }

    /// <summary>
    /// Opens (or creates) the chain in <paramref name="store"/> and wires the node; takes ownership of the store
    /// (disposed here if opening fails). Everything the node signs goes through <paramref name="signer"/> (not owned).
    /// Throws <see cref="NodeConfigurationException"/> for a key that is neither a genesis validator nor one voted into
    /// the set recorded in this data directory, or a data directory of another chain.
    /// </summary>
    public static LedgerNode Open(
        GenesisConfig genesis,
        IConsensusSigner signer,
        IKeyValueStore store,
        NodeOptions options,
        IFatalErrorHandler fatal,
        ILoggerFactory loggers,
        TimeProvider? time = null,
        Func<BlockExecutor, IBlockBuilder>? builder = null)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        try
        {
            var logger = loggers.CreateLogger<LedgerNode>();
            ModuleRegistry registry;
            try
            {
                registry = new ModuleRegistry(ModuleCatalog.FromGenesis(genesis));
            }
            catch (GenesisException ex)
            {
                throw new NodeConfigurationException($"genesis: {ex.Message}", ex);
            }

            var chain = new ChainStore(store, registry, genesis, historyBlocks: options.StateHistoryBlocks, records: new RecordClassifier(registry.All));
            chain.AccountIndexBuilding += progress => LogIndexProgress(logger, progress);
            try
            {
                chain.Open();
            }
            catch (ChainDataException ex)
            {
                throw new NodeConfigurationException($"cannot open the chain: {ex.Message}", ex);
            }

            if (chain.MigratedFromFormat is { } oldFormat)
            {
                LogMigrated(logger, oldFormat, ChainFormat.Current);
            }

            var member = CheckRole(genesis, chain, signer.Address, options.Member);

            var executor = new BlockExecutor(registry, genesis.ChainId)
            {
                OnModuleFault = (module, ex) => LogModuleFault(logger, module.Name, ex),
            };
            var consensus = genesis.Consensus;
            var pool = new TransactionPool(
                new TransactionPoolOptions
                {
                    ChainId = genesis.ChainId,
                    MaxTransactionBytes = consensus.MaxTransactionBytes,
                    BlockGasLimit = consensus.BlockGasLimit,
                    FutureWindow = options.TxPoolFutureWindow,
                    Capacity = options.TxPoolCapacity,
                    MaxBytes = options.TxPoolMaxBytes,
                    PerSenderCapacity = options.TxPoolPerSenderCapacity,
                    PerSenderMaxBytes = options.TxPoolPerSenderMaxBytes,
                    QueuedLifetime = TimeSpan.FromSeconds(options.TxPoolQueuedLifetimeSeconds),
                    ReplacementsPerMinute = options.TxPoolReplacementsPerMinute,
                },
                registry,
                () => chain.LatestState,
                new PermissionedSenders(genesis),
                time: time);
            var metrics = new NodeMetrics();
            if (genesis.Validators.Count > 1)
            {
                var consortium = OpenConsortium(genesis, signer, store, chain, pool, executor, options, fatal, loggers, metrics, time, member);
                LogOpened(logger, genesis.ChainId, chain.HeadNumber, chain.Head.Header.Hash, consortium.Driver.Validator);
                var set = consortium.Driver.ValidatorsAt(chain.HeadNumber + 1).Addresses;
                if (member)
                {
                    var listed = consortium.Driver.ChainMembers().Contains(consortium.Driver.Validator);
                    LogMember(logger, consortium.Driver.Validator, chain.HeadNumber, listed);
                }
                else if (!set.Contains(consortium.Driver.Validator))
                {
                    LogNotAValidator(logger, consortium.Driver.Validator, chain.HeadNumber, string.Join(", ", set));
                }

                return new LedgerNode(store, chain, pool, executor, null, metrics, logger, time, consortium);
            }

            var producer = new BlockProducer(
                chain,
                pool,
                builder?.Invoke(executor) ?? new ExecutorBlockBuilder(executor),
                signer,
                new BlockProducerOptions
                {
                    BlockIntervalMs = options.BlockIntervalMs ?? consensus.BlockIntervalMs,
                    MaxTransactionsPerBlock = consensus.MaxTransactionsPerBlock,
                    EmptyBlockIntervalSeconds = options.EmptyBlockIntervalSeconds ?? consensus.EmptyBlockIntervalSeconds,
                },
                fatal,
                loggers.CreateLogger<BlockProducer>(),
                metrics,
                time);
            LogOpened(logger, genesis.ChainId, chain.HeadNumber, chain.Head.Header.Hash, producer.Validator);
            return new LedgerNode(store, chain, pool, executor, producer, metrics, logger, time);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Starts block production (a consortium node: the peer network, then consensus). Call once the listeners are up.</summary>
    public void Start()
    {
        _poolMaintenance ??= _time.CreateTimer(_ => Pool.DropExpired(), null, PoolMaintenanceInterval, PoolMaintenanceInterval);
        if (_producer is not null)
        {
            _producer.Start();
            return;
        }

        Network!.Start();
        Consensus!.Start();
    }

    /// <summary>
    /// Writes a consistent copy of the node's database to <paramref name="directory"/> (new) while the node keeps
    /// running: a RocksDB checkpoint, which holds whole blocks only (each is one write batch). Throws
    /// <see cref="NotSupportedException"/> for a node over an in-memory store, <see cref="IOException"/> if it cannot be written.
    /// </summary>
    public void CreateCheckpoint(string directory)
    {
        if (_store is not Storage.Rocks.RocksDbKeyValueStore rocks)
        {
            throw new NotSupportedException("this node's store is not RocksDB, so it has no checkpoint to write");
        }

        rocks.CreateCheckpoint(directory);
    }

    /// <summary>Completes when the chain's head is at least <paramref name="number"/>.</summary>
    public Task WaitForBlockAsync(ulong number, CancellationToken cancellationToken = default) =>
        _producer?.WaitForBlockAsync(number, cancellationToken) ?? Consensus!.WaitForBlockAsync(number, cancellationToken);

    /// <summary>
    /// Stops consensus and closes every peer stream (a consortium node; nothing for a single validator). Every call returns
    /// the same task, which runs on the thread pool: the host starts it from its stopping callback, which may run on the
    /// very thread that reported a fatal error (and must not wait for itself), and <see cref="DisposeAsync"/> awaits it
    /// before closing the store. Why at all: Kestrel waits for open requests before it stops, and an inbound peer stream
    /// stays open until one side closes it, so a SIGTERM'd validator waited out the whole shutdown timeout (30 s) — too
    /// long for a rolling restart.
    /// </summary>
    public Task StopConsortiumAsync()
    {
        lock (_stopGate)
        {
            return _consortiumStop ??= Task.Run(StopConsortiumCoreAsync);
        }
    }

    private async Task StopConsortiumCoreAsync()
    {
        if (Consensus is not null)
        {
            await Consensus.DisposeAsync();
        }

        if (Network is not null)
        {
            await Network.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_poolMaintenance is not null)
        {
            await _poolMaintenance.DisposeAsync();
        }

        if (_producer is not null)
        {
            await _producer.DisposeAsync();
        }

        await StopConsortiumAsync();
        _store.Dispose();
        LogClosed(_logger, Chain.HeadNumber);
    }

    /// <summary>
    /// Validator or member (returns true for a member). The key must be a genesis validator, or one the Validators module
    /// has voted into the set of the next height as this data directory records it: that is how a rotated key
    /// (docs/security.md, "Key rotation runbook") restarts the same node. Otherwise a consortium node runs as a member when
    /// its key is on the member allowlist this data directory records (genesis <c>members</c> or votes), or when the
    /// operator says so (<paramref name="memberRequested"/>: a member voted in after the stored head); whether the
    /// validators let it in is theirs to decide at every handshake. A single-validator chain has no votes and no peers,
    /// so only its genesis key runs it.
    /// </summary>
    private static bool CheckRole(GenesisConfig genesis, ChainStore chain, Core.Primitives.Address validator, bool memberRequested)
    {
        var validators = genesis.ValidatorAddresses();
        if (validators.Contains(validator))
        {
            return false;
        }

        if (validators.Count > 1 && ValidatorSetHistory.FromGenesis(genesis) is { } history)
        {
            var current = history.At(chain.LatestState, chain.HeadNumber + 1);
            if (current.Any(v => v.Address == validator))
            {
                return false;
            }

            if (memberRequested || (MemberAllowlist.FromGenesis(genesis)?.Contains(chain.LatestState, validator) ?? false))
            {
                return true;
            }

            throw new NodeConfigurationException(
                $"the node key's address {validator.ToChecksumString()} is not a validator of this genesis nor of the set this data directory "
                + $"records for block {chain.HeadNumber + 1} (validators: {string.Join(", ", current.Select(v => v.Address.ToChecksumString()))}), "
                + "nor a member node of the consortium's allowlist; a new validator key must be voted in, and this node's data synced past "
                + "that vote, before it can run; a member node voted in after this data directory's head starts with --member");
        }

        throw new NodeConfigurationException(
            $"the node key's address {validator.ToChecksumString()} is not a validator of this genesis (validators: {string.Join(", ", validators.Select(v => v.ToChecksumString()))})");
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Opened chain {ChainId} at block {Head} ({HeadHash}); validator {Validator}")]
    private static partial void LogOpened(ILogger logger, ulong chainId, ulong head, Core.Primitives.Hash32 headHash, Core.Primitives.Address validator);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Closed the node at block {Head}")]
    private static partial void LogClosed(ILogger logger, ulong head);

    [LoggerMessage(EventId = 1090, Level = LogLevel.Warning, Message = "Migrated the data directory from format {From} to format {To}")]
    private static partial void LogMigrated(ILogger logger, uint from, uint to);

    [LoggerMessage(
        EventId = 1004,
        Level = LogLevel.Warning,
        Message = "This node's key {Validator} is not a validator at block {Head} (validators: {Validators}): it waits to be voted in; until then the validators refuse its streams and sync requests")]
    private static partial void LogNotAValidator(ILogger logger, Core.Primitives.Address validator, ulong head, string validators);

    [LoggerMessage(
        EventId = 1006,
        Level = LogLevel.Information,
        Message = "This node {Node} runs as a member node from block {Head}: it follows and verifies the validators' blocks, serves clients and forwards their transactions, and never votes (on the allowlist this data directory records: {Listed})")]
    private static partial void LogMember(ILogger logger, Core.Primitives.Address node, ulong head, bool listed);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Module {Module} threw; the call was reverted. This is a module bug.")]
    private static partial void LogModuleFault(ILogger logger, string module, Exception exception);

    /// <summary>A data dir without the account index (made before it existed) gets it built once, before the node serves.</summary>
    private static void LogIndexProgress(ILogger logger, Execution.Indexing.AccountIndexProgress progress)
    {
        if (progress.Done)
        {
            LogIndexBuilt(logger, progress.Head, progress.Records);
        }
        else
        {
            LogIndexBuilding(logger, progress.NextBlock, progress.Head + 1, progress.Records);
        }
    }

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Building the account index: {Indexed} of {Blocks} blocks ({Records} records so far)")]
    private static partial void LogIndexBuilding(ILogger logger, ulong indexed, ulong blocks, long records);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Account index built through block {Head} ({Records} records); history is served from it")]
    private static partial void LogIndexBuilt(ILogger logger, ulong head, long records);
}
