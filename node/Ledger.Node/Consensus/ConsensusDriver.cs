using System.Threading.Channels;
using Ledger.Consensus;
using Ledger.Consensus.Inputs;
using Ledger.Consensus.Signing;
using Ledger.Contracts.Validators;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Execution.Chain;
using Ledger.Execution.Pool;
using Ledger.Execution.Processing;
using Ledger.Network;
using Ledger.Node.Monitoring;
using Ledger.Node.Production;
using Ledger.Storage;
using Microsoft.Extensions.Logging;

namespace Ledger.Node.Consensus;

/// <summary>
/// Runs the QBFT state machine for a consortium validator (n &gt; 1). Everything that touches the machine or commits
/// a block runs on one loop fed by a channel of work items (peer messages, timers, built candidates, validation
/// verdicts, synced blocks), so actions execute strictly in the order the machine returned them and commits never
/// race. Block building and catching up run off the loop and post their results back to it.
/// </summary>
public sealed partial class ConsensusDriver : IAsyncDisposable
{
    private readonly ChainStore _chain;
    private readonly TransactionPool _pool;
    private readonly BlockExecutor _executor;
    private readonly IKeyValueStore _store;
    private readonly PeerNetwork _network;
    private readonly QbftStateMachine _machine;
    private readonly QbftOptions _qbft;
    private readonly ConsensusDriverOptions _options;
    private readonly IFatalErrorHandler _fatal;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggers;
    private readonly NodeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly IEcdsa _ecdsa = Ecdsa.Default;
    private readonly ValidatorSetHistory? _history;
    private readonly IConsensusSigner _signer;
    private readonly IReadOnlyList<Address> _members;
    private readonly IReadOnlyList<PeerEndpoint> _memberPeers;
    private readonly Dictionary<Address, PeerEndpoint> _movedValidators;
    private readonly ConsensusPhaseMetrics _phases;
    private readonly Channel<Action> _work;
    private readonly ConsensusMessageScreen _screen;
    private readonly Channel<bool> _admitted = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly BlockWaiters _waiters = new();
    private readonly Dictionary<Hash32, BlockExecutionResult> _executed = [];
    private readonly List<Task> _tasks = [];
    private readonly List<Task> _builds = [];
    private ITimer? _timer;
    private long _lastCommitAtMs;
    private int _syncing;
    private volatile bool _failed;

    public ConsensusDriver(
        ChainStore chain,
        TransactionPool pool,
        BlockExecutor executor,
        IKeyValueStore store,
        IConsensusSigner signer,
        PeerNetwork network,
        QbftOptions qbft,
        ConsensusDriverOptions options,
        IFatalErrorHandler fatal,
        ILoggerFactory loggers,
        NodeMetrics metrics,
        TimeProvider? time = null)
    {
        _chain = chain ?? throw new ArgumentNullException(nameof(chain));
        _pool = pool ?? throw new ArgumentNullException(nameof(pool));
        _executor = executor ?? throw new ArgumentNullException(nameof(executor));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _network = network ?? throw new ArgumentNullException(nameof(network));
        _qbft = qbft ?? throw new ArgumentNullException(nameof(qbft));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _fatal = fatal ?? throw new ArgumentNullException(nameof(fatal));
        _loggers = loggers ?? throw new ArgumentNullException(nameof(loggers));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _logger = loggers.CreateLogger<ConsensusDriver>();
        _time = time ?? TimeProvider.System;
        _history = ValidatorSetHistory.FromGenesis(chain.Genesis);
        _signer = signer ?? throw new ArgumentNullException(nameof(signer));

        // Nodes the operator admitted beside genesis validators (member nodes); validators come from the chain's state.
        var genesisValidators = chain.Genesis.ValidatorAddresses().ToHashSet();
        _members = [.. network.Options.AllowedNodes.Where(a => !genesisValidators.Contains(a))];
        _memberPeers = [.. network.Options.Peers.Where(p => !genesisValidators.Contains(p.Address))];

        // Genesis validators the operator dials elsewhere (peerEndpoints: NAT, load balancer, fault proxy) keep that
        // endpoint when the peer list is rebuilt from the validator set (ConnectTo), not their genesis host:port.
        // Only those the operator moved: a validator voted back in later at a new endpoint is dialled where its vote says.
        var genesisEndpoints = chain.Genesis.Validators.ToDictionary(v => v.Address, v => PeerEndpoint.FromValidator(v, network.Options.UseTls));
        _movedValidators = network.Options.Peers
            .Where(p => genesisEndpoints.TryGetValue(p.Address, out var atGenesis) && atGenesis != p)
            .ToDictionary(p => p.Address);
        _machine = new QbftStateMachine(signer, _ecdsa, chain.Genesis.ChainId, qbft, LockStateStore.Load(store));
        _phases = new ConsensusPhaseMetrics(metrics.Registry, _machine.LocalAddress, _time);
        _lastCommitAtMs = NowMs();

        // Bounded: peer messages take at most MaxQueuedMessages places (PostMessage counts them); the loop's own work
        // (a timer, a built candidate, a synced block, start-up) is a handful of items at any time, InternalWorkItems bounds it.
        _work = Channel.CreateBounded<Action>(new BoundedChannelOptions(options.MaxQueuedMessages + InternalWorkItems)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails instead of silently dropping
        });
        _screen = new ConsensusMessageScreen(chain.Genesis.ChainId, _ecdsa, qbft.FutureHeightWindow) { Dropped = OnScreenDropped };
        var next = ValidatorsAt(chain.HeadNumber + 1);
        _screen.Update(next.Height, next.Addresses);
        network.ConsensusScreen = _screen;

        // Who may peer is decided by the chain, from the first connection on (not the genesis list): a validator voted out
        // before this start is refused from the start.
        ConnectTo(next);
    }

    public Address Validator => _machine.LocalAddress;

    /// <summary>True once a write failed or the loop crashed: the validator then votes and commits nothing more.</summary>
    public bool HasFailed => _failed;

    /// <summary>Current consensus height (head + 1 once started).</summary>
    public ulong Height => _machine.Height;

    public uint Round => _machine.Round;

    /// <summary>Starts the loop, the inbound pumps and a first catch-up from the peers. Call once, after the network started.</summary>
    public void Start()
    {
        var stop = _stop.Token;
        _network.PeerConnectionChanged += OnPeerConnectionChanged;
        _tasks.Add(Task.Run(() => RunLoopAsync(stop)));
        _tasks.Add(Task.Run(() => PumpMessagesAsync(stop)));
        _tasks.Add(Task.Run(() => PumpTransactionsAsync(stop)));
        _tasks.Add(Task.Run(() => StartupAsync(stop)));
    }

    /// <summary>A transaction was admitted locally (cheap, coalescing): a waiting proposer may build now.</summary>
    public void Notify() => _admitted.Writer.TryWrite(true);

    /// <summary>Sends locally submitted transactions to every peer so any proposer can include them.</summary>
    public void Gossip(byte[] rawTransaction) => _network.GossipTransactions([rawTransaction]);

    /// <summary>Completes when the chain's head is at least <paramref name="number"/>.</summary>
    public Task WaitForBlockAsync(ulong number, CancellationToken cancellationToken = default) =>
        _waiters.WaitAsync(number, () => _chain.HeadNumber, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        _network.PeerConnectionChanged -= OnPeerConnectionChanged;
        _work.Writer.TryComplete();
        Task[] builds;
        lock (_builds)
        {
            builds = [.. _builds];
        }

        try
        {
            await Task.WhenAll(_tasks.Concat(builds));
        }
        catch (OperationCanceledException)
        {
            // expected on stop
        }

        _timer?.Dispose();
        _stop.Dispose();
    }

    /// <summary>Queues the loop's own work (never a peer message: see <see cref="PostMessage"/>).</summary>
    private void Post(Action work)
    {
        if (!_work.Writer.TryWrite(work) && !_stop.IsCancellationRequested && !_work.Reader.Completion.IsCompleted)
        {
            // Internal items are few by construction; a full queue here is a bug, and losing a timer would stall consensus.
            Fail("the consensus work queue is full", new InvalidOperationException($"more than {InternalWorkItems} internal work items are queued"));
        }
    }

    private void Feed(ConsensusInput input)
    {
        if (_failed)
        {
            return;
        }

        var actions = _machine.Handle(input);
        _phases.Observe(actions);
        Execute(actions);
        _metrics.ConsensusHeight.Set(_machine.Height);
        _metrics.ConsensusRound.Set(_machine.Round);
        if (_machine.IsStarted)
        {
            var set = ValidatorsAt(_machine.Height);
            _phases.SetPosition(_machine.Height, _machine.Round, set.Addresses);
            if (_screen.Height != _machine.Height)
            {
                _screen.Update(_machine.Height, set.Addresses);
            }
        }
    }

    private async Task RunLoopAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(stop))
            {
                if (_failed)
                {
                    break;
                }

                try
                {
                    work();
                }
                catch (Exception ex)
                {
                    Fail("the consensus loop failed", ex);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopping
        }
    }

    private async Task StartupAsync(CancellationToken stop)
    {
        try
        {
            await SyncAsync(stop);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSyncFailed(ex);
        }

        Post(() =>
        {
            var next = ValidatorsAt(_chain.HeadNumber + 1);
            ConnectTo(next); // validators added by votes before this start are dialled from their endpoints in state
            Feed(new StartHeight(next.Height, _chain.Head.Header.Hash, next.Addresses));
        });
    }

    private void Fail(string message, Exception exception)
    {
        if (_failed)
        {
            return;
        }

        _failed = true;
        LogFatal(message, exception);
        _waiters.Fail(new InvalidOperationException($"consensus stopped: {message}", exception));
        _fatal.OnFatalError(message, exception);
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
