using System.Collections.Concurrent;
using System.Threading.Channels;
using Google.Protobuf;
using Ledger.Consensus;
using Ledger.Consensus.Messages;
using Ledger.Core.Primitives;
using Ledger.Network.Handshake;
using Ledger.Network.Hosting;
using Ledger.Network.Protos;
using Ledger.Network.Queues;
using Ledger.Network.Sync;
using Ledger.Network.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.Network;

/// <summary>
/// The node's links to the rest of the consortium: one authenticated gRPC stream per peer pair (the node with the smaller
/// address dials; a newer stream from the same node replaces an older one), carrying consensus messages and transaction
/// gossip. Sending never blocks; inbound traffic arrives on bounded channels. Host <see cref="Service"/> on the node's
/// gRPC port (<see cref="PeerServiceExtensions"/>) or with <see cref="PeerServer"/>, then call <see cref="Start"/>.
/// </summary>
public sealed partial class PeerNetwork : IAsyncDisposable
{
    private readonly PeerAuthenticator _auth;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<Address, PeerSession> _sessions = new();
    private readonly Lock _sessionsLock = new();
    private readonly Dictionary<Address, DialTarget> _targets = []; // guarded by _targetsLock
    private readonly Lock _targetsLock = new();
    private readonly ByteBoundedChannel<InboundConsensusMessage> _consensus;
    private readonly ByteBoundedChannel<InboundTransactions> _transactions;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _dialers = []; // guarded by _targetsLock
    private readonly BlockSyncServer _syncServer;
    private PeerSession[] _snapshot = [];
    private PeerNetworkOptions _options;
    private PeerChannelFactory? _channels;
    private int _state; // 0 created, 1 started, 2 disposed
    private long _droppedInboundConsensus;
    private long _droppedInboundTransactions;
    private long _malformedMessages;
    private long _slowPeerDisconnects;
    private long _refusedHandshakes;
    private long _droppedGossip;
    private long _oversizedBatches;
    private string? _lastRefusal;
    private ConsensusMessageScreen? _screen;

    public PeerNetwork(PeerNetworkOptions options, ILoggerFactory? loggerFactory = null)
    {
        options.Validate();
        _options = options;
        _auth = new PeerAuthenticator(options);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PeerNetwork>();
        _consensus = new ByteBoundedChannel<InboundConsensusMessage>(options.InboundQueueCapacity, options.InboundQueueBytes, singleReader: false);
        _transactions = new ByteBoundedChannel<InboundTransactions>(options.InboundQueueCapacity, options.InboundQueueBytes, singleReader: false);
        foreach (var peer in options.Peers)
        {
            _targets[peer.Address] = new DialTarget(peer, Dials(options, peer.Address), _stopping.Token);
        }

        _syncServer = new BlockSyncServer(options, _auth, _logger);
        Service = new PeerService(this);
    }

    /// <summary>The options in force (<see cref="UpdatePeers"/> replaces the node lists).</summary>
    public PeerNetworkOptions Options => Volatile.Read(ref _options);

    public Address Self => Options.Signer.Address;

    /// <summary>The gRPC service to host; it refuses streams until <see cref="Start"/> and after disposal.</summary>
    public PeerService Service { get; }

    /// <summary>
    /// Consensus messages from peers, decoded. Without a <see cref="ConsensusScreen"/> their signatures are unchecked; with
    /// one, only what it accepted arrives here. Read by the node's consensus loop.
    /// </summary>
    public ChannelReader<InboundConsensusMessage> ConsensusMessages => _consensus.Reader;

    /// <summary>
    /// Screens every inbound consensus message before it is queued (height window, signer in the validator set, signature;
    /// see <see cref="ConsensusMessageScreen"/>), on the thread of the peer's stream, so junk never fills
    /// <see cref="ConsensusMessages"/>. Null: messages are only decoded.
    /// </summary>
    public ConsensusMessageScreen? ConsensusScreen
    {
        get => Volatile.Read(ref _screen);
        set => Volatile.Write(ref _screen, value);
    }

    /// <summary>Gossiped raw transactions for the pool. Not re-gossiped: every node sends its clients' transactions to all peers.</summary>
    public ChannelReader<InboundTransactions> Transactions => _transactions.Reader;

    /// <summary>
    /// Raised (on a network thread) when a peer's authenticated stream opens (true) or closes (false). A stream that
    /// replaces an older one from the same node raises true again without a false in between (the peer restarted:
    /// what went out on the old stream may be lost, so listeners resend what matters).
    /// </summary>
    public event Action<Address, bool>? PeerConnectionChanged;

    public int ConnectedPeerCount => Volatile.Read(ref _snapshot).Length;

    public IReadOnlyList<Address> ConnectedPeers => Array.ConvertAll(Volatile.Read(ref _snapshot), s => s.Remote);

    /// <summary>Envelopes waiting in the outbound queues of all connected peers (a gauge for operators and the soak).</summary>
    public int QueuedOutbound => Volatile.Read(ref _snapshot).Sum(s => s.Queued);

    /// <summary>Inbound consensus messages and transaction batches dropped because the node was not draining its queues.</summary>
    public long DroppedInboundMessages => DroppedInboundConsensus + DroppedInboundTransactions;

    public long DroppedInboundConsensus => Interlocked.Read(ref _droppedInboundConsensus);

    public long DroppedInboundTransactions => Interlocked.Read(ref _droppedInboundTransactions);

    public long MalformedMessages => Interlocked.Read(ref _malformedMessages);

    public long SlowPeerDisconnects => Interlocked.Read(ref _slowPeerDisconnects);

    /// <summary>Gossip envelopes not queued for a peer because its gossip queue was full (the stream stays up).</summary>
    public long DroppedGossip => Interlocked.Read(ref _droppedGossip);

    /// <summary>Inbound transaction batches dropped whole for carrying more transactions or bytes than a batch may.</summary>
    public long OversizedTransactionBatches => Interlocked.Read(ref _oversizedBatches);

    public long RefusedHandshakes => Interlocked.Read(ref _refusedHandshakes);

    /// <summary>The reason of the last handshake this node refused as listener (for operators and tests).</summary>
    public string? LastRefusal => Volatile.Read(ref _lastRefusal);

    /// <summary>Starts accepting streams and dialling the peers whose address is greater than ours. Idempotent.</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            ObjectDisposedException.ThrowIf(_state == 2, this);
            return;
        }

        _channels = new PeerChannelFactory(Options);
        lock (_targetsLock)
        {
            foreach (var target in _targets.Values)
            {
                StartDialing(target);
            }
        }
    }

    /// <summary>Queues a <see cref="ConsensusMessageCodec"/> encoding for every connected peer; returns how many. Never blocks.
    /// The array is sent as is: do not change it afterwards.</summary>
    public int Broadcast(byte[] encodedConsensusMessage)
    {
        var envelope = ConsensusEnvelope(encodedConsensusMessage);
        var bytes = envelope.CalculateSize();
        var sessions = Volatile.Read(ref _snapshot);
        var queued = 0;
        for (var i = 0; i < sessions.Length; i++)
        {
            queued += Enqueue(sessions[i], envelope, bytes) ? 1 : 0;
        }

        return queued;
    }

    public int Broadcast(SignedConsensusMessage message) => Broadcast(ConsensusMessageCodec.Encode(message));

    /// <summary>Queues a consensus message for one peer; false when it is not connected or too slow.</summary>
    public bool SendTo(Address peer, byte[] encodedConsensusMessage)
    {
        var envelope = ConsensusEnvelope(encodedConsensusMessage);
        return _sessions.TryGetValue(peer, out var session) && Enqueue(session, envelope, envelope.CalculateSize());
    }

    public bool SendTo(Address peer, SignedConsensusMessage message) => SendTo(peer, ConsensusMessageCodec.Encode(message));

    /// <summary>
    /// Queues raw signed transactions for every connected peer, in envelopes of at most
    /// <see cref="PeerNetworkOptions.MaxTransactionsPerBatch"/> transactions and
    /// <see cref="PeerNetworkOptions.MaxTransactionBatchBytes"/> bytes (the per-peer writer merges them up to the same
    /// limits); returns how many peers got all of them. A transaction larger than a batch is never valid and is not sent.
    /// Gossip has its own per-peer queue: when a peer's is full the gossip is dropped for that peer (and counted).
    /// </summary>
    public int GossipTransactions(IReadOnlyList<byte[]> rawTransactions)
    {
        ArgumentNullException.ThrowIfNull(rawTransactions);
        var options = Options;
        var envelopes = new List<(PeerEnvelope Envelope, int Bytes)>();
        var batch = new TransactionBatch();
        var bytes = 0;
        foreach (var raw in rawTransactions)
        {
            if (raw.Length > options.MaxTransactionBatchBytes)
            {
                continue;
            }

            if (batch.Transactions.Count > 0
                && (batch.Transactions.Count >= options.MaxTransactionsPerBatch || bytes + raw.Length > options.MaxTransactionBatchBytes))
            {
                envelopes.Add((new PeerEnvelope { Transactions = batch }, bytes));
                batch = new TransactionBatch();
                bytes = 0;
            }

            batch.Transactions.Add(UnsafeByteOperations.UnsafeWrap(raw));
            bytes += raw.Length;
        }

        if (batch.Transactions.Count > 0)
        {
            envelopes.Add((new PeerEnvelope { Transactions = batch }, bytes));
        }

        if (envelopes.Count == 0)
        {
            return 0;
        }

        var sessions = Volatile.Read(ref _snapshot);
        var queued = 0;
        for (var i = 0; i < sessions.Length; i++)
        {
            var all = true;
            foreach (var (envelope, size) in envelopes)
            {
                if (!sessions[i].TryEnqueueGossip(envelope, size))
                {
                    all = false;
                    Interlocked.Increment(ref _droppedGossip);
                }
            }

            queued += all ? 1 : 0;
        }

        return queued;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, 2) == 2)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var session in _sessions.Values)
        {
            session.Close("this node is shutting down");
        }

        Task[] dialers;
        lock (_targetsLock)
        {
            dialers = [.. _dialers];
        }

        await Task.WhenAll(dialers).ConfigureAwait(false);
        _consensus.Complete();
        _transactions.Complete();
        _channels?.Dispose();
        _stopping.Dispose();
    }

    private static PeerEnvelope ConsensusEnvelope(byte[] encoded) =>
        new() { Consensus = new ConsensusPayload { Message = UnsafeByteOperations.UnsafeWrap(encoded) } };

    private bool Enqueue(PeerSession session, PeerEnvelope envelope, int bytes)
    {
        if (session.TryEnqueue(envelope, bytes, out var overflowed))
        {
            return true;
        }

        if (overflowed)
        {
            Interlocked.Increment(ref _slowPeerDisconnects);
        }

        return false;
    }
}
