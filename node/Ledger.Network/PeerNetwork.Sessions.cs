using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Ledger.Consensus;
using Ledger.Consensus.Messages;
using Ledger.Core.Primitives;
using Ledger.Network.Handshake;
using Ledger.Network.Protos;

namespace Ledger.Network;

public sealed partial class PeerNetwork
{
    /// <summary>Server side of <c>Connect</c>: handshake as listener, then run the session until it closes.</summary>
    internal async Task AcceptAsync(IAsyncStreamReader<PeerEnvelope> input, IServerStreamWriter<PeerEnvelope> output, ServerCallContext context)
    {
        if (Volatile.Read(ref _state) != 1)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "this node is not accepting peers (starting or shutting down)"));
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _stopping.Token);
        Address remote;
        using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(linked.Token))
        {
            handshake.CancelAfter(Options.HandshakeTimeout);
            try
            {
                remote = await ListenerHandshake.RunAsync(input, output, _auth, handshake.Token).ConfigureAwait(false);
            }
            catch (HandshakeException ex)
            {
                throw Refuse(context.Peer, ex);
            }
            catch (OperationCanceledException) when (!linked.IsCancellationRequested)
            {
                throw Refuse(context.Peer, new HandshakeException(
                    StatusCode.DeadlineExceeded, $"the handshake did not complete within {Options.HandshakeTimeout.TotalSeconds:F0} s"));
            }
        }

        var http = context.GetHttpContext();
        // Aborting the HTTP/2 stream also fails a write stuck on flow control, so a closed session always ends.
        var session = new PeerSession(remote, dialed: false, Options, http.Abort, linked.Token);
        await RunSessionAsync(session, input, output).ConfigureAwait(false);
    }

    /// <summary>Server side of <c>SyncBlocks</c>.</summary>
    internal Task ServeSyncAsync(SyncRequest request, IServerStreamWriter<SyncBlock> output, ServerCallContext context) =>
        _syncServer.ServeAsync(request, output, context);

    private RpcException Refuse(string remote, HandshakeException ex)
    {
        Interlocked.Increment(ref _refusedHandshakes);
        Volatile.Write(ref _lastRefusal, ex.Message);
        NetworkLog.HandshakeRefused(_logger, remote, ex.Message);
        return ex.ToRpcException();
    }

    private async Task<string> RunSessionAsync(PeerSession session, IAsyncStreamReader<PeerEnvelope> input, IAsyncStreamWriter<PeerEnvelope> output)
    {
        Register(session);
        string reason;
        try
        {
            reason = await session.RunAsync(input, output, OnInbound).ConfigureAwait(false);
        }
        finally
        {
            Unregister(session);
        }

        NetworkLog.PeerDisconnected(_logger, session.Remote, reason);
        return reason;
    }

    private void Register(PeerSession session)
    {
        PeerSession? replaced;
        lock (_sessionsLock)
        {
            _sessions.TryGetValue(session.Remote, out replaced);
            _sessions[session.Remote] = session;
            Volatile.Write(ref _snapshot, [.. _sessions.Values]);
        }

        // Usually the old stream is half-dead (the peer restarted before we noticed); the newest one is the live one.
        replaced?.Close("replaced by a newer stream from the same node");
        NetworkLog.PeerConnected(_logger, session.Remote, session.Dialed ? "dialled" : "accepted");

        // Also for a replacement: the peer usually restarted, and whatever was sent on the old stream may be lost.
        RaiseConnectionChanged(session.Remote, true);
    }

    private void Unregister(PeerSession session)
    {
        bool removed;
        lock (_sessionsLock)
        {
            removed = _sessions.TryGetValue(session.Remote, out var current) && ReferenceEquals(current, session)
                && _sessions.TryRemove(session.Remote, out _);
            if (removed)
            {
                Volatile.Write(ref _snapshot, [.. _sessions.Values]);
            }
        }

        lock (_targetsLock)
        {
            if (_targets.TryGetValue(session.Remote, out var target))
            {
                target.LastError = session.CloseReason;
            }
        }

        if (removed)
        {
            RaiseConnectionChanged(session.Remote, false);
        }
    }

    private void RaiseConnectionChanged(Address peer, bool connected)
    {
        try
        {
            PeerConnectionChanged?.Invoke(peer, connected);
        }
        catch (Exception ex)
        {
            // A subscriber's bug must not tear down the stream that reported the change.
            NetworkLog.SubscriberFailed(_logger, ex, peer);
        }
    }

    private void OnInbound(PeerSession session, PeerEnvelope envelope)
    {
        switch (envelope.BodyCase)
        {
            case PeerEnvelope.BodyOneofCase.Consensus:
                OnConsensus(session, envelope.Consensus.Message);
                break;
            case PeerEnvelope.BodyOneofCase.Transactions:
                OnTransactions(session, envelope.Transactions);
                break;
            default:
                NetworkLog.ProtocolViolation(_logger, session.Remote, $"unexpected {envelope.BodyCase} after the handshake");
                session.Close($"protocol violation: {envelope.BodyCase} after the handshake");
                break;
        }
    }

    /// <summary>Screened (when a screen is set) and decoded here, on the peer's own reader, before anything is queued.</summary>
    private void OnConsensus(PeerSession session, ByteString encoded)
    {
        SignedConsensusMessage message;
        if (ConsensusScreen is { } screen)
        {
            var verdict = screen.Screen(encoded.Span, out var accepted, out _);
            if (verdict != ConsensusScreenVerdict.Accepted)
            {
                if (verdict == ConsensusScreenVerdict.Malformed)
                {
                    Interlocked.Increment(ref _malformedMessages);
                    NetworkLog.MalformedConsensusMessage(_logger, session.Remote, "refused by the consensus screen");
                }

                return;
            }

            message = accepted!;
        }
        else
        {
            try
            {
                message = ConsensusMessageCodec.Decode(encoded.Span);
            }
            catch (ConsensusMessageFormatException ex)
            {
                Interlocked.Increment(ref _malformedMessages);
                NetworkLog.MalformedConsensusMessage(_logger, session.Remote, ex.Message);
                return;
            }
        }

        if (!_consensus.TryWrite(new InboundConsensusMessage(session.Remote, message, encoded.Length), encoded.Length))
        {
            DropInbound("consensus", session);
        }
    }

    /// <summary>
    /// A batch is bounded in count and bytes on arrival (the sender's writer never exceeds either): a larger one is dropped
    /// whole, before any copy, and counted. The stream stays up: gossip never costs a peer its consensus link.
    /// </summary>
    private void OnTransactions(PeerSession session, TransactionBatch batch)
    {
        var raw = batch.Transactions;
        var bytes = PeerSession.RawBytes(batch);
        var options = Options;
        if (raw.Count > options.MaxTransactionsPerBatch || bytes > options.MaxTransactionBatchBytes)
        {
            if (Interlocked.Increment(ref _oversizedBatches) % 1024 == 1)
            {
                NetworkLog.OversizedBatch(_logger, session.Remote, raw.Count, bytes);
            }

            return;
        }

        if (raw.Count == 0)
        {
            return;
        }

        var transactions = new byte[raw.Count][];
        for (var i = 0; i < transactions.Length; i++)
        {
            transactions[i] = raw[i].ToByteArray();
        }

        if (!_transactions.TryWrite(new InboundTransactions(session.Remote, transactions), (int)bytes))
        {
            DropInbound("transaction", session);
        }
    }

    private void DropInbound(string kind, PeerSession session)
    {
        // Reached only while the node is not draining the channel; one log line per drop would flood, so log each 1024th.
        var dropped = kind == "consensus" ? Interlocked.Increment(ref _droppedInboundConsensus) : Interlocked.Increment(ref _droppedInboundTransactions);
        if (dropped % 1024 == 1)
        {
            NetworkLog.InboundQueueFull(_logger, kind, session.Remote);
        }
    }
}
