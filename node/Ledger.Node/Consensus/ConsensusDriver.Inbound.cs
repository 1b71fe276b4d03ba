using Ledger.Consensus;
using Ledger.Consensus.Inputs;
using Ledger.Network;

namespace Ledger.Node.Consensus;

public sealed partial class ConsensusDriver
{
    /// <summary>
    /// Places in the work queue kept for the loop's own items beyond <see cref="ConsensusDriverOptions.MaxQueuedMessages"/>:
    /// at most one timer, one candidate per build, one synced block per sync pass and start-up are queued at a time.
    /// </summary>
    private const int InternalWorkItems = 256;

    /// <summary>Far-ahead messages start block sync at most this often: a peer repeating them cannot make this node
    /// send sync requests back to back.</summary>
    private const long FarAheadSyncIntervalMs = 1_000;

    private int _queuedMessages;
    private long _queuedMessageBytes;
    private long _lastFarAheadSyncMs;

    /// <summary>Messages and bytes from peers waiting in the work queue (for tests and operators).</summary>
    public (int Messages, long Bytes) QueuedMessages => (Volatile.Read(ref _queuedMessages), Interlocked.Read(ref _queuedMessageBytes));

    /// <summary>The screen the network runs on every inbound consensus message (its counts are the drops by reason).</summary>
    public ConsensusMessageScreen Screen => _screen;

    /// <summary>
    /// Queues a screened peer message for the loop unless the messages already waiting reach the count or byte bound:
    /// then it is dropped and counted (a lost message costs at most a round change; an unbounded queue could cost the node).
    /// </summary>
    internal bool PostMessage(InboundConsensusMessage inbound)
    {
        var bytes = Math.Max(0, inbound.EncodedBytes);
        if (Interlocked.Increment(ref _queuedMessages) > _options.MaxQueuedMessages
            || Interlocked.Add(ref _queuedMessageBytes, bytes) > _options.MaxQueuedMessageBytes)
        {
            ReleaseMessage(bytes);
            _metrics.ConsensusMessagesDropped.WithLabels("queue_full").Inc();
            return false;
        }

        var message = inbound.Message;
        if (!_work.Writer.TryWrite(() =>
        {
            ReleaseMessage(bytes);
            Feed(new MessageReceived(message));
        }))
        {
            ReleaseMessage(bytes);
            return false;
        }

        return true;
    }

    private void ReleaseMessage(long bytes)
    {
        Interlocked.Decrement(ref _queuedMessages);
        Interlocked.Add(ref _queuedMessageBytes, -bytes);
    }

    /// <summary>The network screened a message out (on a peer's thread): count it; a far-ahead one means we lag.</summary>
    private void OnScreenDropped(ConsensusScreenVerdict verdict, ulong height)
    {
        _metrics.ConsensusMessagesDropped.WithLabels(ReasonLabel(verdict)).Inc();
        if (verdict != ConsensusScreenVerdict.TooFarAhead || _stop.IsCancellationRequested)
        {
            return;
        }

        // From an authenticated peer of the consortium, signer unchecked (our validator set may be stale exactly when we
        // lag): the sync verifies every block it brings, so a lie costs one pass, and at most one per interval.
        var now = NowMs();
        var last = Interlocked.Read(ref _lastFarAheadSyncMs);
        if (now - last >= FarAheadSyncIntervalMs && Interlocked.CompareExchange(ref _lastFarAheadSyncMs, now, last) == last)
        {
            StartBackgroundSync(_stop.Token);
        }
    }

    private static string ReasonLabel(ConsensusScreenVerdict verdict) => verdict switch
    {
        ConsensusScreenVerdict.Malformed => "malformed",
        ConsensusScreenVerdict.Stale => "stale",
        ConsensusScreenVerdict.TooFarAhead => "too_far_ahead",
        ConsensusScreenVerdict.BadSignature => "bad_signature",
        ConsensusScreenVerdict.NotValidator => "not_validator",
        _ => "other",
    };
}
