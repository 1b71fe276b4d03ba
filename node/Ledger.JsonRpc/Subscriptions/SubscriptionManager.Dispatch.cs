using System.Collections.Concurrent;
using Ledger.Core.Chain;
using Ledger.Core.Transactions;

namespace Ledger.JsonRpc.Subscriptions;

public sealed partial class SubscriptionManager
{
    private const int Yes = 1;
    private const int No = 0;

    private int _missedBlocks;
    private int _missedTransactions;

    // Where a closed subscriber must catch up from: the block after the last one handed to subscribers (or
    // published with none), else the first block ever queued, else the first refused (-1 = none yet). Each may be
    // lower than the truth (a client then reads a few blocks twice), never higher (it would miss logs).
    private long _nextUndelivered = -1;
    private long _firstQueuedBlock = -1;
    private long _firstMissedBlock = -1;

    /// <summary>Events queued for the dispatcher and not yet taken (tests and diagnostics).</summary>
    public long Backlog => _blockBudget.Count + _pendingBudget.Count;

    // Runs on the commit path: one bounded enqueue, nothing else.
    private void OnBlock(Block block, IReadOnlyList<Receipt> receipts)
    {
        var number = (long)block.Header.Number;
        if (_blockSubscriptions.IsEmpty)
        {
            // Nobody can miss this block, so a later subscriber need never catch up from before it.
            Volatile.Write(ref _nextUndelivered, number + 1);
            return;
        }

        if (TryQueue(ChainEvent.ForBlock(block, receipts), _blockBudget))
        {
            Interlocked.CompareExchange(ref _firstQueuedBlock, number, -1);
        }
        else
        {
            Interlocked.CompareExchange(ref _firstMissedBlock, number, -1);
            Missed(ref _missedBlocks);
        }
    }

    // Runs on the admission path (local submissions and peers' gossip): the same single enqueue, and none at all
    // without a pending-transaction subscriber, so a busy pool never fills the backlog that blocks need.
    private void OnPending(SignedTransaction transaction)
    {
        if (_pendingSubscriptions.IsEmpty)
        {
            return;
        }

        if (!TryQueue(ChainEvent.ForTransaction(transaction), _pendingBudget))
        {
            Missed(ref _missedTransactions);
        }
    }

    /// <summary>Queues unless that kind's share of the backlog is at its count or byte limit; never waits.</summary>
    private bool TryQueue(ChainEvent item, BacklogBudget budget)
    {
        if (!budget.TryTake(item.Bytes))
        {
            return false;
        }

        if (!_backlog.Writer.TryWrite(item))
        {
            // Disposed: nobody will read it.
            budget.Return(item.Bytes);
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
            if (item.Block is not null)
            {
                _blockBudget.Return(item.Bytes);
            }
            else if (item.Transaction is not null)
            {
                _pendingBudget.Return(item.Bytes);
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
        // Their subscriptions go first (no more work is spent on them), then the log line, then the close frames.
        var closing = new Dictionary<RpcConnection, string>();
        if (blocks)
        {
            Take(_blockSubscriptions, blockReason, closing);
        }

        if (transactions)
        {
            Take(_pendingSubscriptions, PendingReason, closing);
        }

        JsonRpcLog.NotificationsFellBehind(_logger, _options.MaxNotificationBacklog, _options.MaxNotificationBacklogBytes, closing.Count, blocks ? blockReason : PendingReason);
        foreach (var (connection, reason) in closing)
        {
            connection.Close(reason);
        }
    }

    private void Take(ConcurrentDictionary<string, Subscription> subscriptions, string reason, Dictionary<RpcConnection, string> closing)
    {
        foreach (var (_, subscription) in subscriptions)
        {
            if (closing.TryAdd(subscription.Connection, reason))
            {
                RemoveAll(subscription.Connection);
            }
        }
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
