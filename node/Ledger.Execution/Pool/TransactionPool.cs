using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Execution.Modules;
using Ledger.Execution.State;

namespace Ledger.Execution.Pool;

/// <summary>
/// Transactions waiting for a block. Thread-safe: many RPC threads <see cref="Admit"/> while the block
/// producer calls <see cref="TakeReady(int, Func{Address, ulong})"/> and <see cref="RemoveCommitted"/>.
/// Decoding and signature recovery (the expensive part) run outside the lock; only the bookkeeping is inside.
/// Each sender's transactions are kept in nonce order; senders are served round-robin in arrival order,
/// so a sender with a nonce gap waits alone and never stalls the others.
/// <para>
/// Linearizable with commits: every decision that depends on a sender's committed nonce (admission, pending nonce,
/// status) uses a state that is at least as new as the last block the pool was told about through
/// <see cref="RemoveCommitted"/>. The state is read outside the lock (it may touch the disk); if a commit reached the
/// pool in between, it is read again inside the lock. Commit paths publish state first and tell the pool second, so
/// the second read can never be older than the pool.
/// </para>
/// </summary>
public sealed partial class TransactionPool
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Hash32, PoolEntry> _byHash = [];
    private readonly Dictionary<Address, SenderQueue> _bySender = [];
    private readonly LinkedList<SenderQueue> _senderOrder = new();
    private readonly TransactionPoolOptions _options;
    private readonly ModuleRegistry _modules;
    private readonly Func<ICommittedStateView> _latestState;
    private readonly ISenderPolicy? _senders;
    private readonly IEcdsa _ecdsa;
    private readonly TimeProvider _time;
    private readonly DroppedTransactions _dropped;
    private ulong _syncedHeight;
    private long _bytes;

    /// <param name="options">Limits (chain id, size, gas, capacities).</param>
    /// <param name="modules">The registered modules: the only valid recipients.</param>
    /// <param name="latestState">The latest committed state (nonces, and what <paramref name="senders"/> reads).</param>
    /// <param name="senders">Who may send; null admits any sender (tests of the pool's own rules).</param>
    /// <param name="ecdsa">Signature recovery; <see cref="Ecdsa.Default"/> when null.</param>
    /// <param name="time">The clock for expiry and replacement rates; the system clock when null.</param>
    public TransactionPool(
        TransactionPoolOptions options,
        ModuleRegistry modules,
        Func<ICommittedStateView> latestState,
        ISenderPolicy? senders = null,
        IEcdsa? ecdsa = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _modules = modules ?? throw new ArgumentNullException(nameof(modules));
        _latestState = latestState ?? throw new ArgumentNullException(nameof(latestState));
        _senders = senders;
        _ecdsa = ecdsa ?? Ecdsa.Default;
        _time = time ?? TimeProvider.System;
        _dropped = new DroppedTransactions(options.DroppedHistory);
        _syncedHeight = latestState().BlockNumber;
    }

    public TransactionPoolOptions Options => _options;

    /// <summary>
    /// Raised after a transaction entered the pool, whoever sent it (a local client or a peer's gossip), on the
    /// admitting thread and outside the pool's lock: RPC filters and subscriptions follow the pool through it.
    /// </summary>
    public event Action<SignedTransaction>? Admitted;

    /// <summary>Every pooled transaction, per sender in nonce order (senders in arrival order): txpool_* and eth_pendingTransactions.</summary>
    public IReadOnlyList<SignedTransaction> Snapshot()
    {
        lock (_lock)
        {
            var list = new List<SignedTransaction>(_byHash.Count);
            foreach (var queue in _senderOrder)
            {
                for (var i = 0; i < queue.Count; i++)
                {
                    list.Add(queue[i].Transaction);
                }
            }

            return list;
        }
    }

    /// <summary>Number of pooled transactions (pending and queued).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byHash.Count;
            }
        }
    }

    /// <summary>Bytes the pooled transactions hold, as the pool accounts them.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Number of senders with pooled transactions.</summary>
    public int SenderCount
    {
        get
        {
            lock (_lock)
            {
                return _bySender.Count;
            }
        }
    }

    /// <summary>A pooled transaction by hash, or null.</summary>
    public SignedTransaction? Find(Hash32 hash)
    {
        lock (_lock)
        {
            return _byHash.GetValueOrDefault(hash)?.Transaction;
        }
    }

    /// <summary>
    /// The sender's next nonce counting pooled transactions: the committed nonce, advanced over pooled
    /// transactions that follow it without a gap (what <c>eth_getTransactionCount(…, "pending")</c> reports).
    /// Never a nonce a committed block used.
    /// </summary>
    public ulong PendingNonce(Address sender)
    {
        var state = _latestState();
        var committed = state.GetNonce(sender);
        lock (_lock)
        {
            committed = FreshNonceLocked(sender, state, committed);
            return _bySender.TryGetValue(sender, out var queue) ? queue.NextNonce(committed) : committed;
        }
    }

    /// <summary>
    /// <paramref name="committed"/> if <paramref name="state"/> is at least as new as what the pool knows, else the
    /// sender's nonce read again now (inside the lock no commit can reach the pool, and state was published first).
    /// </summary>
    private ulong FreshNonceLocked(Address sender, ICommittedStateView state, ulong committed) =>
        state.BlockNumber >= _syncedHeight ? committed : _latestState().GetNonce(sender);

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private void RemoveIfEmpty(SenderQueue queue)
    {
        if (queue.Count == 0)
        {
            _bySender.Remove(queue.Sender);
            _senderOrder.Remove(queue.OrderNode!);
            queue.OrderNode = null;
        }
    }

    private SenderQueue GetOrAddQueue(Address sender, ulong committedNonce)
    {
        if (!_bySender.TryGetValue(sender, out var queue))
        {
            queue = new SenderQueue(sender, committedNonce);
            queue.OrderNode = _senderOrder.AddLast(queue);
            _bySender.Add(sender, queue);
        }

        return queue;
    }

    /// <summary>Forgets an entry that left its queue (committed, or dropped: the caller records why).</summary>
    private void Forget(PoolEntry entry)
    {
        _byHash.Remove(entry.Transaction.Hash);
        Interlocked.Add(ref _bytes, -entry.AccountedBytes);
    }

    private void Track(PoolEntry entry)
    {
        _byHash.Add(entry.Transaction.Hash, entry);
        Interlocked.Add(ref _bytes, entry.AccountedBytes);
    }
}
