using Ledger.Core.Chain;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.Execution.Pool;

public sealed partial class TransactionPool
{
    /// <summary>
    /// Executable transactions for the next block, without removing them (they stay findable and are
    /// removed by <see cref="RemoveCommitted"/> once the block is on disk). See
    /// <see cref="TakeReady(int, ulong, Func{Address, ulong})"/>.
    /// </summary>
    public IReadOnlyList<SignedTransaction> TakeReady(int maxCount, Func<Address, ulong> stateNonce) =>
        TakeReady(maxCount, ulong.MaxValue, stateNonce);

    /// <summary>
    /// Up to <paramref name="maxCount"/> executable transactions whose gas limits sum to at most
    /// <paramref name="gasBudget"/>: for each sender, consecutive nonces starting at its state nonce.
    /// Senders are served round-robin (one transaction each per round) in the order they first arrived,
    /// so a busy sender cannot crowd out others and a sender with a gap is simply skipped.
    /// Transactions below the state nonce are skipped, not removed: only <see cref="RemoveCommitted"/> knows whether
    /// such a transaction was committed or superseded, and it says which.
    /// </summary>
    public IReadOnlyList<SignedTransaction> TakeReady(int maxCount, ulong gasBudget, Func<Address, ulong> stateNonce) =>
        TakeReady(maxCount, gasBudget, long.MaxValue, stateNonce);

    /// <summary>
    /// As <see cref="TakeReady(int, ulong, Func{Address, ulong})"/>, and the transactions' sizes
    /// (<see cref="BlockLimits.TransactionBytes(SignedTransaction)"/>) sum to at most <paramref name="byteBudget"/>:
    /// a block builder passes <c>maxBlockBytes − BlockLimits.HeaderBytes</c>, so the block it builds from them fits.
    /// A sender whose next transaction does not fit waits for a later block; smaller ones of other senders still go.
    /// </summary>
    public IReadOnlyList<SignedTransaction> TakeReady(int maxCount, ulong gasBudget, long byteBudget, Func<Address, ulong> stateNonce)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        ArgumentOutOfRangeException.ThrowIfNegative(byteBudget);
        ArgumentNullException.ThrowIfNull(stateNonce);
        var taken = new List<SignedTransaction>(Math.Min(maxCount, 4096));
        if (maxCount == 0)
        {
            return taken;
        }

        var left = new Budget(gasBudget, byteBudget);
        lock (_lock)
        {
            // Round one walks the senders lazily, so a large pool costs state lookups only for the senders
            // a block can actually reach; cursors remember senders with more ready transactions for later rounds.
            var cursors = new List<Cursor>();
            var node = _senderOrder.First;
            while (node is not null && taken.Count < maxCount)
            {
                var queue = node.Value;
                node = node.Next;
                var nonce = stateNonce(queue.Sender);
                var index = queue.IndexOf(nonce);
                if (index < 0)
                {
                    continue; // its next nonce is missing: nothing of this sender is ready
                }

                var cursor = new Cursor(queue, index, nonce);
                if (TryTakeNext(ref cursor, taken, ref left))
                {
                    cursors.Add(cursor);
                }
            }

            while (taken.Count < maxCount && cursors.Count > 0)
            {
                var kept = 0;
                for (var i = 0; i < cursors.Count && taken.Count < maxCount; i++)
                {
                    var cursor = cursors[i];
                    if (TryTakeNext(ref cursor, taken, ref left))
                    {
                        cursors[kept++] = cursor;
                    }
                }

                cursors.RemoveRange(kept, cursors.Count - kept);
            }
        }

        return taken;
    }

    /// <summary>
    /// Tells the pool that block <paramref name="blockNumber"/> is committed (its state already published): removes
    /// its transactions, and drops every pooled transaction they made stale (same sender, a nonce at or below a
    /// committed one: e.g. a replacement that lost the race) with the committed transaction's hash as the reason.
    /// </summary>
    public void RemoveCommitted(ulong blockNumber, IReadOnlyList<SignedTransaction> committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        var nextNonces = new Dictionary<Address, ulong>();
        var committedHashes = new HashSet<Hash32>(committed.Count);
        var usedBy = new Dictionary<(Address, ulong), Hash32>(committed.Count);
        foreach (var transaction in committed)
        {
            committedHashes.Add(transaction.Hash);
            usedBy[(transaction.Sender, transaction.Nonce)] = transaction.Hash;
            var next = transaction.Nonce + 1;
            if (!nextNonces.TryGetValue(transaction.Sender, out var known) || known < next)
            {
                nextNonces[transaction.Sender] = next;
            }
        }

        lock (_lock)
        {
            var now = NowMs();
            foreach (var (sender, next) in nextNonces)
            {
                if (!_bySender.TryGetValue(sender, out var queue))
                {
                    continue;
                }

                queue.AdvanceBase(next, entry =>
                {
                    Forget(entry);
                    var hash = entry.Transaction.Hash;
                    if (!committedHashes.Contains(hash))
                    {
                        var nonce = entry.Nonce;
                        var by = usedBy.TryGetValue((sender, nonce), out var winner) ? $"transaction {winner}" : "an earlier block";
                        _dropped.Record(hash, PoolDropReason.NonceUsed, $"nonce {nonce} was used by {by}, committed in block {blockNumber}", now);
                    }
                });
                RemoveIfEmpty(queue);
            }

            _syncedHeight = Math.Max(_syncedHeight, blockNumber);
        }
    }

    /// <summary>Takes the cursor's next transaction if it continues the nonce run and fits the gas and bytes left.</summary>
    private static bool TryTakeNext(ref Cursor cursor, List<SignedTransaction> taken, ref Budget left)
    {
        if (cursor.Index >= cursor.Queue.Count)
        {
            return false;
        }

        var transaction = cursor.Queue[cursor.Index].Transaction;
        var bytes = BlockLimits.TransactionBytes(transaction);
        if (transaction.Nonce != cursor.NextNonce || transaction.GasLimit > left.Gas || bytes > left.Bytes)
        {
            return false; // a gap, or the block is full for this sender: its later nonces cannot go either
        }

        taken.Add(transaction);
        left = new Budget(left.Gas - transaction.GasLimit, left.Bytes - bytes);
        cursor = new Cursor(cursor.Queue, cursor.Index + 1, cursor.NextNonce + 1);
        return cursor.Index < cursor.Queue.Count;
    }

    private readonly record struct Cursor(SenderQueue Queue, int Index, ulong NextNonce);

    private readonly record struct Budget(ulong Gas, long Bytes);
}
