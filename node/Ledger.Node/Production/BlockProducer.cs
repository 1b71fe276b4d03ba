using System.Diagnostics;
using System.Threading.Channels;
using Ledger.Consensus.Signing;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Execution.Chain;
using Ledger.Execution.Pool;
using Ledger.Node.Monitoring;
using Microsoft.Extensions.Logging;

namespace Ledger.Node.Production;

/// <summary>
/// The single validator's block production (n = 1, so its own seal is a quorum). A background loop wakes on
/// admission (a coalescing signal), waits out the minimum block interval, takes ready transactions from the
/// pool, executes them on the head state, seals the block and commits it as one synced batch. Commits happen
/// on one thread at a time; a commit that throws stops production for good and calls the fatal-error handler.
/// </summary>
public sealed partial class BlockProducer : IAsyncDisposable
{
    private readonly ChainStore _chain;
    private readonly TransactionPool _pool;
    private readonly IBlockBuilder _builder;
    private readonly BlockProducerOptions _options;
    private readonly IConsensusSigner _signer;
    private readonly Address _validator;
    private readonly Hash32 _validatorSetHash;
    private readonly ulong _chainId;
    private readonly ulong _blockGasLimit;
    private readonly long _transactionBytesBudget;
    private readonly IFatalErrorHandler _fatal;
    private readonly ILogger _logger;
    private readonly NodeMetrics? _metrics;
    private readonly TimeProvider _time;
    private readonly IEcdsa _ecdsa;
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _produceLock = new();
    private readonly BlockWaiters _waiters = new();
    private Task? _loop;
    private long _lastBlockAtMs;
    private volatile bool _failed;

    public BlockProducer(
        ChainStore chain,
        TransactionPool pool,
        IBlockBuilder builder,
        IConsensusSigner signer,
        BlockProducerOptions options,
        IFatalErrorHandler fatal,
        ILogger<BlockProducer> logger,
        NodeMetrics? metrics = null,
        TimeProvider? time = null,
        IEcdsa? ecdsa = null)
    {
        _chain = chain ?? throw new ArgumentNullException(nameof(chain));
        _pool = pool ?? throw new ArgumentNullException(nameof(pool));
        _builder = builder ?? throw new ArgumentNullException(nameof(builder));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _fatal = fatal ?? throw new ArgumentNullException(nameof(fatal));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        options.Validate();
        _metrics = metrics;
        _time = time ?? TimeProvider.System;
        _ecdsa = ecdsa ?? Ecdsa.Default;
        _signer = signer ?? throw new ArgumentNullException(nameof(signer));
        _validator = signer.Address;
        GenesisConfig genesis = chain.Genesis;
        var validators = genesis.ValidatorAddresses();
        if (validators.Count != 1 || validators[0] != _validator)
        {
            throw new ArgumentException(
                $"single-validator production needs a genesis whose only validator is this node ({_validator.ToChecksumString()}); "
                + $"this genesis has {validators.Count} validator(s)");
        }

        _validatorSetHash = ValidatorSet.ComputeHash(validators);
        _chainId = genesis.ChainId;
        _blockGasLimit = genesis.Consensus.BlockGasLimit;
        _transactionBytesBudget = BlockLimits.TransactionBudget(genesis.Consensus.MaxBlockBytes);
        _lastBlockAtMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
    }

    /// <summary>The validator address that proposes and seals every block.</summary>
    public Address Validator => _validator;

    /// <summary>True once a commit failed: the producer then commits nothing more.</summary>
    public bool HasFailed => _failed;

    /// <summary>Raised after each committed block (on the producing thread), once the pool has dropped its transactions.</summary>
    public event Action<Block>? BlockProduced;

    /// <summary>Starts the background loop. Call once.</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("the block producer is already running");
        }

        _loop = Task.Run(() => RunAsync(_stop.Token));
        Notify(); // transactions may already be waiting (none survive a restart today, but the loop should look)
    }

    /// <summary>Tells the loop that transactions arrived. Cheap and coalescing: call it after every admission.</summary>
    public void Notify() => _signal.Writer.TryWrite(true);

    /// <summary>Completes when the chain's head is at least <paramref name="number"/>.</summary>
    public Task WaitForBlockAsync(ulong number, CancellationToken cancellationToken = default) =>
        _waiters.WaitAsync(number, () => _chain.HeadNumber, cancellationToken);

    /// <summary>Stops the loop, letting a block that is being committed finish first.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        if (_loop is not null)
        {
            await _loop;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && !_failed)
        {
            try
            {
                var heartbeat = await WaitForWorkAsync(stop);
                await WaitForIntervalAsync(stop);
                var block = ProduceBlock(allowEmpty: heartbeat);
                if (block is not null && _pool.Count > 0)
                {
                    Notify(); // more may be ready than one block holds
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A bug outside the commit (the commit has its own handling). Stopping is safer than a producer
                // that silently does nothing, and nothing was written.
                Fail("block production failed unexpectedly", ex);
            }
        }
    }

    /// <summary>Waits for a signal; returns true if instead an empty heartbeat block is due.</summary>
    private async Task<bool> WaitForWorkAsync(CancellationToken stop)
    {
        if (_options.EmptyBlockIntervalSeconds <= 0)
        {
            await _signal.Reader.ReadAsync(stop);
            return false;
        }

        var dueInMs = (_options.EmptyBlockIntervalSeconds * 1000L) - (NowMs() - Volatile.Read(ref _lastBlockAtMs));
        if (dueInMs <= 0)
        {
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(dueInMs));
        try
        {
            await _signal.Reader.ReadAsync(timeout.Token);
            return false;
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return true;
        }
    }

    private async Task WaitForIntervalAsync(CancellationToken stop)
    {
        var waitMs = _options.BlockIntervalMs - (NowMs() - Volatile.Read(ref _lastBlockAtMs));
        if (waitMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(waitMs), _time, stop);
        }
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
