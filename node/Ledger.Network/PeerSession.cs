using System.Threading.Channels;
using Grpc.Core;
using Ledger.Core.Primitives;
using Ledger.Network.Protos;

namespace Ledger.Network;

/// <summary>
/// One authenticated stream to one peer: a bounded outbound queue drained by a single writer, and a reader that hands
/// envelopes to the network. Enqueueing never waits: when the queue is full the peer is not keeping up, and the session
/// closes itself (the dialer reconnects), so a stuck peer costs at most one queue of memory and never blocks consensus.
/// </summary>
internal sealed class PeerSession
{
    private const int MaxBatchBytes = 1024 * 1024;

    private readonly Channel<PeerEnvelope> _outbound;
    private readonly CancellationTokenSource _cts;
    private readonly Action _abort;
    private readonly int _capacity;
    private readonly int _maxTransactionsPerBatch;
    private string? _closeReason;
    private int _overflowed;

    public PeerSession(Address remote, bool dialed, PeerNetworkOptions options, Action abort, CancellationToken stopping)
    {
        Remote = remote;
        Dialed = dialed;
        _capacity = options.OutboundQueueCapacity;
        _maxTransactionsPerBatch = options.MaxTransactionsPerBatch;
        _outbound = Channel.CreateBounded<PeerEnvelope>(new BoundedChannelOptions(_capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of dropping silently
        });
        _cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _abort = abort;
        ConnectedAt = options.TimeProvider.GetUtcNow();
    }

    public Address Remote { get; }

    public bool Dialed { get; }

    public DateTimeOffset ConnectedAt { get; }

    public string? CloseReason => Volatile.Read(ref _closeReason);

    public bool IsClosed => CloseReason is not null;

    /// <summary>Envelopes waiting to be written to this peer.</summary>
    public int Queued => _outbound.Reader.Count;

    /// <summary>False when closed or full; <paramref name="overflowed"/> is true only for the call that found it full first.</summary>
    public bool TryEnqueue(PeerEnvelope envelope, out bool overflowed)
    {
        overflowed = false;
        if (_outbound.Writer.TryWrite(envelope))
        {
            return true;
        }

        if (Interlocked.Exchange(ref _overflowed, 1) == 0 && !IsClosed)
        {
            overflowed = true;
            // Cancelling runs the transport's abort callbacks; keep that off the caller's (consensus) thread.
            var reason = $"outbound queue full ({_capacity} envelopes): the peer is not reading fast enough";
            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Session.Close(state.Reason), (Session: this, Reason: reason), preferLocal: false);
        }

        return false;
    }

    public void Close(string reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is not null)
        {
            return;
        }

        _outbound.Writer.TryComplete();
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
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                TransactionBatch? pending = null;
                var pendingBytes = 0;
                while (reader.TryRead(out var envelope))
                {
                    if (envelope.BodyCase == PeerEnvelope.BodyOneofCase.Transactions)
                    {
                        // Merge queued gossip into fewer, larger frames; consensus messages are never delayed behind it.
                        pending ??= new TransactionBatch();
                        foreach (var raw in envelope.Transactions.Transactions)
                        {
                            pending.Transactions.Add(raw);
                            pendingBytes += raw.Length;
                        }

                        if (pending.Transactions.Count >= _maxTransactionsPerBatch || pendingBytes >= MaxBatchBytes)
                        {
                            await output.WriteAsync(new PeerEnvelope { Transactions = pending }, token).ConfigureAwait(false);
                            pending = null;
                            pendingBytes = 0;
                        }

                        continue;
                    }

                    await output.WriteAsync(envelope, token).ConfigureAwait(false);
                }

                if (pending is not null)
                {
                    await output.WriteAsync(new PeerEnvelope { Transactions = pending }, token).ConfigureAwait(false);
                }
            }

            return CloseReason ?? "closed by this node";
        }
        catch (Exception ex) when (IsTransportFailure(ex))
        {
            return token.IsCancellationRequested ? "closed by this node" : $"sending failed: {Describe(ex)}";
        }
    }

    private static bool IsTransportFailure(Exception ex) =>
        ex is RpcException or IOException or OperationCanceledException or InvalidOperationException or ObjectDisposedException
            or HttpRequestException;

    private static string Describe(Exception ex) => ex is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : ex.Message;
}
