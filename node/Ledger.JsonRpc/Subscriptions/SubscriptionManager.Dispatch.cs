using Ledger.Core.Chain;
using Ledger.Core.Transactions;

namespace Ledger.JsonRpc.Subscriptions;

public sealed partial class SubscriptionManager
{
    private const int Yes = 1;
    private const int No = 0;

    private long _queuedCount;
    private long _queuedBytes;
    private int _missedBlocks;
    private int _missedTransactions;

    // Where a closed subscriber must catch up from: the block after the last one handed to subscribers (or
    // published with none), else the first block ever queued, else the first refused (-1 = none yet). Each may be
    // lower than the truth (a client then reads a few blocks twice), never higher (it would miss logs).
    private long _nextUndelivered = -1;
    private long _firstQueuedBlock = -1;
    private long _firstMissedBlock = -1;

    /// <summary>Events queued for the dispatcher and not yet taken (tests and diagnostics).</summary>
    public long Backlog => Interlocked.Read(ref _queuedCount);

    // Runs on the commit path: one bounded enqueue, nothing else.
    private void OnBlock(Block block, IReadOnlyList<Receipt> receipts)
    {
        var number = (long)block.Header.Number;
        if (_subscriptions.IsEmpty)
        {
            // Nobody can miss this block, so a later subscriber need never catch up from before it.
            Volatile.Write(ref _nextUndelivered, number + 1);
            return;
        }

        if (TryQueue(ChainEvent.ForBlock(block, receipts)))
        {
            Interlocked.CompareExchange(ref _firstQueuedBlock, number, -1);
        }
        else
        {
            Interlocked.CompareExchange(ref _firstMissedBlock, number, -1);
            Missed(ref _missedBlocks);
        }
    }

    // Runs on the admission path (local submissions and peers' gossip): the same single enqueue.
    private void OnPending(SignedTransaction transaction)
    {
        if (_subscriptions.IsEmpty)
        {
            return;
        }

        if (!TryQueue(ChainEvent.ForTransaction(transaction)))
        {
            Missed(ref _missedTransactions);
        }
    }

    /// <summary>Queues unless the backlog is at its count or byte limit; never waits.</summary>
    private bool TryQueue(ChainEvent item)
    {
        if (Interlocked.Increment(ref _queuedCount) > _options.MaxNotificationBacklog)
        {
            Interlocked.Decrement(ref _queuedCount);
            return false;
        }

        if (Interlocked.Add(ref _queuedBytes, item.Bytes) > _options.MaxNotificationBacklogBytes)
        {
            Interlocked.Add(ref _queuedBytes, -item.Bytes);
            Interlocked.Decrement(ref _queuedCount);
            return false;
        }

        if (!_backlog.Writer.TryWrite(item))
        {
            // Disposed: nobody will read it.
            Interlocked.Add(ref _queuedBytes, -item.Bytes);
            Interlocked.Decrement(ref _queuedCount);
        }

        return true;
    }

    /// <summary>Flags a refused event; the first flag also wakes the dispatcher so it acts even if it was idle.</summary>
    private void Missed(ref int flag)
    {
        if (Interlocked.Exchange(ref flag, Yes) == No)
        {
            _backlog.Writer.TryWrite(ChainEvent.WakeUp);
        }
    }

    private async Task DispatchAsync()
    {
        await foreach (var item in _backlog.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (!ReferenceEquals(item, ChainEvent.WakeUp))
            {
                Interlocked.Decrement(ref _queuedCount);
                Interlocked.Add(ref _queuedBytes, -item.Bytes);
            }

            CloseWhatMissedEvents(item);
            try
            {
                if (item.Block is { } block)
                {
                    NotifyBlock(block, item.Receipts!);
                    Volatile.Write(ref _nextUndelivered, (long)block.Header.Number + 1);
                }
                else if (item.Transaction is { } transaction)
                {
                    NotifyPending(transaction);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug in one notification must not stop the dispatcher: every later event still goes out.
                JsonRpcLog.EventHandlerFailed(_logger, e);
            }
        }
    }

    /// <summary>
    /// An event the backlog had no room for was not sent to anyone. A subscriber silently missing a block or a
    /// log would be worse than being told, so every connection that may have missed something is closed with a
    /// reason naming the first block it did not get; it reconnects and catches up with eth_getLogs. Closing them
    /// also sheds the load that made the dispatcher fall behind.
    /// </summary>
    private void CloseWhatMissedEvents(ChainEvent current)
    {
        var blocks = Interlocked.Exchange(ref _missedBlocks, No) == Yes;
        var transactions = Interlocked.Exchange(ref _missedTransactions, No) == Yes;
        if (!blocks && !transactions)
        {
            return;
        }

        // The block being handled now is not delivered to the connections closed here.
        var from = current.Block is { } block ? (long)block.Header.Number : CatchUpFrom();
        Interlocked.Exchange(ref _firstMissedBlock, -1);

        // Close frames carry at most 123 bytes of reason: these stay well under.
        var blockReason = $"notifications fell behind from block {from}; resubscribe, catch up with eth_getLogs";
        const string PendingReason = "pending-transaction notifications fell behind; resubscribe";
        var closed = new HashSet<RpcConnection>();
        foreach (var (_, subscription) in _subscriptions)
        {
            var pending = subscription.Kind == SubscriptionKind.NewPendingTransactions;
            if ((pending ? transactions : blocks) && closed.Add(subscription.Connection))
            {
                RemoveAll(subscription.Connection);
                subscription.Connection.Close(pending ? PendingReason : blockReason);
            }
        }

        JsonRpcLog.NotificationsFellBehind(_logger, _options.MaxNotificationBacklog, _options.MaxNotificationBacklogBytes, closed.Count, blocks ? blockReason : PendingReason);
    }

    private long CatchUpFrom()
    {
        var next = Volatile.Read(ref _nextUndelivered);
        if (next >= 0)
        {
            return next;
        }

        var queued = Interlocked.Read(ref _firstQueuedBlock);
        return queued >= 0 ? queued : Interlocked.Read(ref _firstMissedBlock);
    }
}
