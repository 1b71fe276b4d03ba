using System.Threading.Channels;
using Grpc.Core;
using Ledger.Core.Primitives;
using Ledger.Network.Protos;
using Ledger.Network.Queues;

namespace Ledger.Network;

/// <summary>
/// One authenticated stream to one peer: two bounded outbound queues drained by a single writer, and a reader that hands
/// envelopes to the network. Consensus messages have their own queue and always go first; transaction gossip waits in
/// another, so a flood of transactions can neither delay a vote nor push one out. Enqueueing never waits: a full
/// consensus queue means the peer is not keeping up, and the session closes itself (the dialer reconnects), so a stuck
/// peer costs at most one queue of memory and never blocks consensus; a full gossip queue only drops that gossip.
/// </summary>
internal sealed class PeerSession
{
    private readonly ByteBoundedChannel<PeerEnvelope> _consensus;
    private readonly ByteBoundedChannel<PeerEnvelope> _gossip;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly CancellationTokenSource _cts;
    private readonly Action _abort;
    private readonly int _capacity;
    private readonly long _capacityBytes;
    private readonly int _maxTransactionsPerBatch;
    private readonly int _maxBatchBytes;
    private string? _closeReason;
    private int _overflowed;

    public PeerSession(Address remote, bool dialed, PeerNetworkOptions options, Action abort, CancellationToken stopping)
    {
        Remote = remote;
        Dialed = dialed;
        _capacity = options.OutboundQueueCapacity;
        _capacityBytes = options.OutboundQueueBytes;
        _maxTransactionsPerBatch = options.MaxTransactionsPerBatch;
        _maxBatchBytes = options.MaxTransactionBatchBytes;
        _consensus = new ByteBoundedChannel<PeerEnvelope>(_capacity, _capacityBytes, singleReader: true);
        _gossip = new ByteBoundedChannel<PeerEnvelope>(options.GossipQueueCapacity, options.GossipQueueBytes, singleReader: true);
        _cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _abort = abort;
        ConnectedAt = options.TimeProvider.GetUtcNow();
    }

    public Address Remote { get; }

    public bool Dialed { get; }

    public DateTimeOffset ConnectedAt { get; }

    public string? CloseReason => Volatile.Read(ref _closeReason);

    public bool IsClosed => CloseReason is not null;

    /// <summary>Envelopes waiting to be written to this peer (consensus and gossip).</summary>
    public int Queued => _consensus.Count + _gossip.Count;

    /// <summary>
    /// Queues a consensus envelope of <paramref name="bytes"/>. False when closed or full; <paramref name="overflowed"/> is
    /// true only for the call that found it full first (that call closes the session).
    /// </summary>
    public bool TryEnqueue(PeerEnvelope envelope, int bytes, out bool overflowed)
    {
        overflowed = false;
        if (_consensus.TryWrite(envelope, bytes))
        {
            _wake.Writer.TryWrite(true);
            return true;
        }

        if (Interlocked.Exchange(ref _overflowed, 1) == 0 && !IsClosed)
        {
            overflowed = true;
            // Cancelling runs the transport's abort callbacks; keep that off the caller's (consensus) thread.
            var reason = $"outbound queue full ({_capacity} envelopes or {_capacityBytes} bytes): the peer is not reading fast enough";
            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Session.Close(state.Reason), (Session: this, Reason: reason), preferLocal: false);
        }

        return false;
    }

    /// <summary>Queues a gossip envelope of <paramref name="bytes"/>; false (and nothing else happens) when closed or full.</summary>
    public bool TryEnqueueGossip(PeerEnvelope envelope, int bytes)
    {
        if (IsClosed || !_gossip.TryWrite(envelope, bytes))
        {
            return false;
        }

        _wake.Writer.TryWrite(true);
        return true;
    }

    public void Close(string reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is not null)
        {
            return;
        }

        _consensus.Complete();
        _gossip.Complete();
        _wake.Writer.TryComplete();
        try
        {
            _cts.Cancel();
            _abort();
        }
        catch (ObjectDisposedException)
        {
            // The call already finished.
        }
    }

    /// <summary>Runs until either direction ends; returns the reason the session closed.</summary>
    public async Task<string> RunAsync(
        IAsyncStreamReader<PeerEnvelope> input, IAsyncStreamWriter<PeerEnvelope> output, Action<PeerSession, PeerEnvelope> onInbound)
    {
        var token = _cts.Token;
        var writing = WriteLoopAsync(output, token);
        var reading = ReadLoopAsync(input, onInbound, token);
        var first = await Task.WhenAny(writing, reading).ConfigureAwait(false);
        Close(await first.ConfigureAwait(false));
        await Task.WhenAll(writing, reading).ConfigureAwait(false);
        _cts.Dispose();
        return CloseReason!;
    }

    private async Task<string> ReadLoopAsync(
        IAsyncStreamReader<PeerEnvelope> input, Action<PeerSession, PeerEnvelope> onInbound, CancellationToken token)
    {
        try
        {
            while (await input.MoveNext(token).ConfigureAwait(false))
            {
                var envelope = input.Current;
                if (envelope.BodyCase == PeerEnvelope.BodyOneofCase.Goodbye)
                {
                    return $"the peer closed the stream: {envelope.Goodbye.Reason}";
                }

                onInbound(this, envelope);
            }

            return "the peer closed the stream";
        }
        catch (Exception ex) when (IsTransportFailure(ex))
        {
            return token.IsCancellationRequested ? "closed by this node" : $"receiving failed: {Describe(ex)}";
        }
    }

    private async Task<string> WriteLoopAsync(IAsyncStreamWriter<PeerEnvelope> output, CancellationToken token)
    {
        try
        {
            while (await _wake.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                _wake.Reader.TryRead(out _);
                while (true)
                {
                    // Every consensus message queued so far goes before the next gossip batch.
                    while (_consensus.Reader.TryRead(out var envelope))
                    {
                        await output.WriteAsync(envelope, token).ConfigureAwait(false);
                    }

                    if (NextGossipBatch() is not { } batch)
                    {
                        break;
                    }

                    await output.WriteAsync(batch, token).ConfigureAwait(false);
                }
            }

            return CloseReason ?? "closed by this node";
        }
        catch (Exception ex) when (IsTransportFailure(ex))
        {
            return token.IsCancellationRequested ? "closed by this node" : $"sending failed: {Describe(ex)}";
        }
    }

    /// <summary>
    /// Merges queued gossip envelopes into one of at most <see cref="PeerNetworkOptions.MaxTransactionsPerBatch"/>
    /// transactions and <see cref="PeerNetworkOptions.MaxTransactionBatchBytes"/> bytes (each queued envelope is within
    /// both, see <see cref="PeerNetwork.GossipTransactions"/>), or null when nothing is queued.
    /// </summary>
    private PeerEnvelope? NextGossipBatch()
    {
        if (!_gossip.Reader.TryRead(out var first))
        {
            return null;
        }

        var batch = first.Transactions;
        var count = batch.Transactions.Count;
        var bytes = RawBytes(batch);
        TransactionBatch? merged = null;
        while (_gossip.TryPeek(out var next, out _))
        {
            var nextCount = next.Transactions.Transactions.Count;
            var nextBytes = RawBytes(next.Transactions);
            if (count + nextCount > _maxTransactionsPerBatch || bytes + nextBytes > _maxBatchBytes)
            {
                break;
            }

            _gossip.Reader.TryRead(out _);
            merged ??= new TransactionBatch { Transactions = { batch.Transactions } };
            merged.Transactions.Add(next.Transactions.Transactions);
            count += nextCount;
            bytes += nextBytes;
        }

        return merged is null ? first : new PeerEnvelope { Transactions = merged };
    }

    internal static long RawBytes(TransactionBatch batch)
    {
        long bytes = 0;
        foreach (var raw in batch.Transactions)
        {
            bytes += raw.Length;
        }

        return bytes;
    }

    private static bool IsTransportFailure(Exception ex) =>
        ex is RpcException or IOException or OperationCanceledException or InvalidOperationException or ObjectDisposedException
            or HttpRequestException;

    private static string Describe(Exception ex) => ex is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : ex.Message;
}
