using System.Collections.Concurrent;
using System.Threading.Channels;
using Google.Protobuf;
using Ledger.Consensus.Messages;
using Ledger.Core.Primitives;
using Ledger.Network.Handshake;
using Ledger.Network.Hosting;
using Ledger.Network.Protos;
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
    private readonly Channel<InboundConsensusMessage> _consensus;
    private readonly Channel<InboundTransactions> _transactions;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _dialers = []; // guarded by _targetsLock
    private readonly BlockSyncServer _syncServer;
    private PeerSession[] _snapshot = [];
    private PeerNetworkOptions _options;
    private PeerChannelFactory? _channels;
    private int _state; // 0 created, 1 started, 2 disposed
    private long _droppedInbound;
    private long _malformedMessages;
    private long _slowPeerDisconnects;
    private long _refusedHandshakes;
    private string? _lastRefusal;

    public PeerNetwork(PeerNetworkOptions options, ILoggerFactory? loggerFactory = null)
    {
        options.Validate();
        _options = options;
        _auth = new PeerAuthenticator(options);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PeerNetwork>();
        var inbound = new BoundedChannelOptions(options.InboundQueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleWriter = false };
        _consensus = Channel.CreateBounded<InboundConsensusMessage>(inbound);
        _transactions = Channel.CreateBounded<InboundTransactions>(inbound);
        foreach (var peer in options.Peers)
        {
            _targets[peer.Address] = new DialTarget(peer, Self < peer.Address, _stopping.Token);
        }

        _syncServer = new BlockSyncServer(options, _auth, _logger);
        Service = new PeerService(this);
    }

    /// <summary>The options in force (<see cref="UpdatePeers"/> replaces the node lists).</summary>
    public PeerNetworkOptions Options => Volatile.Read(ref _options);

    public Address Self => Options.Signer.Address;

    /// <summary>The gRPC service to host; it refuses streams until <see cref="Start"/> and after disposal.</summary>
    public PeerService Service { get; }

    /// <summary>Consensus messages from peers, decoded but with signatures unchecked. Read by the node's consensus loop.</summary>
    public ChannelReader<InboundConsensusMessage> ConsensusMessages => _consensus.Reader;

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

    public long DroppedInboundMessages => Interlocked.Read(ref _droppedInbound);

    public long MalformedMessages => Interlocked.Read(ref _malformedMessages);

    public long SlowPeerDisconnects => Interlocked.Read(ref _slowPeerDisconnects);

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
        var sessions = Volatile.Read(ref _snapshot);
        var queued = 0;
        for (var i = 0; i < sessions.Length; i++)
        {
            queued += Enqueue(sessions[i], envelope) ? 1 : 0;
        }

        return queued;
    }

    public int Broadcast(SignedConsensusMessage message) => Broadcast(ConsensusMessageCodec.Encode(message));

    /// <summary>Queues a consensus message for one peer; false when it is not connected or too slow.</summary>
    public bool SendTo(Address peer, byte[] encodedConsensusMessage) =>
        _sessions.TryGetValue(peer, out var session) && Enqueue(session, ConsensusEnvelope(encodedConsensusMessage));

    public bool SendTo(Address peer, SignedConsensusMessage message) => SendTo(peer, ConsensusMessageCodec.Encode(message));

    /// <summary>Queues raw signed transactions for every connected peer (merged into batches per peer); returns how many peers.</summary>
    public int GossipTransactions(IReadOnlyList<byte[]> rawTransactions)
    {
        if (rawTransactions.Count == 0)
        {
            return 0;
        }

        var batch = new TransactionBatch();
        for (var i = 0; i < rawTransactions.Count; i++)
        {
            batch.Transactions.Add(UnsafeByteOperations.UnsafeWrap(rawTransactions[i]));
        }

        var envelope = new PeerEnvelope { Transactions = batch };
        var sessions = Volatile.Read(ref _snapshot);
        var queued = 0;
        for (var i = 0; i < sessions.Length; i++)
        {
            queued += Enqueue(sessions[i], envelope) ? 1 : 0;
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
        _consensus.Writer.TryComplete();
        _transactions.Writer.TryComplete();
        _stopping.Dispose();
    }

    private static PeerEnvelope ConsensusEnvelope(byte[] encoded) =>
        new() { Consensus = new ConsensusPayload { Message = UnsafeByteOperations.UnsafeWrap(encoded) } };

    private bool Enqueue(PeerSession session, PeerEnvelope envelope)
    {
        if (session.TryEnqueue(envelope, out var overflowed))
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
