using Ledger.Contracts;
using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.Execution.Chain;
using Ledger.Execution.Modules;
using Ledger.Execution.Pool;
using Ledger.Execution.Processing;
using Ledger.Node.Backend;
using Ledger.Node.Configuration;
using Ledger.Node.Monitoring;
using Ledger.Node.Production;
using Ledger.Storage;
using Microsoft.Extensions.Logging;

namespace Ledger.Node.Hosting;

/// <summary>
/// A node's parts wired together over one key-value store: modules from genesis, the chain store, the
/// executor, the pool, the block producer and the JSON-RPC backend. Owns the store: disposing stops
/// production (letting an in-flight commit finish) and then closes the store.
/// </summary>
public sealed partial class LedgerNode : IAsyncDisposable
{
    private readonly IKeyValueStore _store;
    private readonly ILogger _logger;
    private int _disposed;

    private LedgerNode(IKeyValueStore store, ChainStore chain, TransactionPool pool, BlockExecutor executor, BlockProducer producer, NodeMetrics metrics, ILogger logger)
    {
        _store = store;
        Chain = chain;
        Pool = pool;
        Executor = executor;
        Producer = producer;
        Metrics = metrics;
        _logger = logger;
        Backend = new LedgerBackend(chain, pool, executor, producer.Notify);
        metrics.Registry.AddBeforeCollectCallback(() =>
        {
            metrics.PoolSize.Set(pool.Count);
            metrics.BlockHeight.Set(chain.HeadNumber);
        });
    }

    public ChainStore Chain { get; }

    public TransactionPool Pool { get; }

    public BlockExecutor Executor { get; }

    public BlockProducer Producer { get; }

    public LedgerBackend Backend { get; }

    public NodeMetrics Metrics { get; }

    /// <summary>
    /// Opens (or creates) the chain in <paramref name="store"/> and wires the node; takes ownership of the store
    /// (disposed here if opening fails). Throws <see cref="NodeConfigurationException"/> for a key that is not
    /// this chain's validator or a data directory of another chain.
    /// </summary>
    public static LedgerNode Open(
        GenesisConfig genesis,
        ReadOnlySpan<byte> validatorKey,
        IKeyValueStore store,
        NodeOptions options,
        IFatalErrorHandler fatal,
        ILoggerFactory loggers,
        TimeProvider? time = null,
        Func<BlockExecutor, IBlockBuilder>? builder = null)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        try
        {
            CheckValidator(genesis, Ecdsa.Default.AddressOf(validatorKey));
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

            var chain = new ChainStore(store, registry, genesis);
            try
            {
                chain.Open();
            }
            catch (ChainDataException ex)
            {
                throw new NodeConfigurationException($"cannot open the chain: {ex.Message}", ex);
            }

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
                    PerSenderCapacity = options.TxPoolPerSenderCapacity,
                },
                registry,
                account => chain.LatestState.GetNonce(account));
            var metrics = new NodeMetrics();
            var producer = new BlockProducer(
                chain,
                pool,
                builder?.Invoke(executor) ?? new ExecutorBlockBuilder(executor),
                validatorKey,
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
            return new LedgerNode(store, chain, pool, executor, producer, metrics, logger);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Starts block production.</summary>
    public void Start() => Producer.Start();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Producer.DisposeAsync();
        _store.Dispose();
        LogClosed(_logger, Chain.HeadNumber);
    }

    private static void CheckValidator(GenesisConfig genesis, Core.Primitives.Address validator)
    {
        var validators = genesis.ValidatorAddresses();
        if (!validators.Contains(validator))
        {
            throw new NodeConfigurationException(
                $"the node key's address {validator.ToChecksumString()} is not a validator of this genesis (validators: {string.Join(", ", validators.Select(v => v.ToChecksumString()))})");
        }

        if (validators.Count != 1)
        {
            throw new NodeConfigurationException(
                $"this build produces blocks as a single validator, but the genesis lists {validators.Count} validators; use a genesis with one validator (multi-validator consensus is not available yet)");
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Opened chain {ChainId} at block {Head} ({HeadHash}); validator {Validator}")]
    private static partial void LogOpened(ILogger logger, ulong chainId, ulong head, Core.Primitives.Hash32 headHash, Core.Primitives.Address validator);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Closed the node at block {Head}")]
    private static partial void LogClosed(ILogger logger, ulong head);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Module {Module} threw; the call was reverted. This is a module bug.")]
    private static partial void LogModuleFault(ILogger logger, string module, Exception exception);
}
