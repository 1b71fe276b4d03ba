using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Execution.Modules;

namespace Ledger.Execution.Pool;

/// <summary>
/// Transactions waiting for a block. Thread-safe: many RPC threads <see cref="Admit"/> while the block
/// producer calls <see cref="TakeReady(int, Func{Address, ulong})"/> and <see cref="RemoveCommitted"/>.
/// Decoding and signature recovery (the expensive part) run outside the lock; only the bookkeeping is inside.
/// Each sender's transactions are kept in nonce order; senders are served round-robin in arrival order,
/// so a sender with a nonce gap waits alone and never stalls the others.
/// </summary>
public sealed partial class TransactionPool
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Hash32, SignedTransaction> _byHash = [];
    private readonly Dictionary<Address, SenderQueue> _bySender = [];
    private readonly LinkedList<SenderQueue> _senderOrder = new();
    private readonly TransactionPoolOptions _options;
    private readonly ModuleRegistry _modules;
    private readonly Func<Address, ulong> _stateNonce;
    private readonly IEcdsa _ecdsa;

    /// <param name="options">Limits (chain id, size, gas, capacities).</param>
    /// <param name="modules">The registered modules: the only valid recipients.</param>
    /// <param name="stateNonce">The next nonce of an account in the latest committed state.</param>
    /// <param name="ecdsa">Signature recovery; <see cref="Ecdsa.Default"/> when null.</param>
    public TransactionPool(TransactionPoolOptions options, ModuleRegistry modules, Func<Address, ulong> stateNonce, IEcdsa? ecdsa = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _modules = modules ?? throw new ArgumentNullException(nameof(modules));
        _stateNonce = stateNonce ?? throw new ArgumentNullException(nameof(stateNonce));
        _ecdsa = ecdsa ?? Ecdsa.Default;
    }

    public TransactionPoolOptions Options => _options;

    /// <summary>
    /// Raised after a transaction entered the pool, whoever sent it (a local client or a peer's gossip), on the
    /// admitting thread and outside the pool's lock: RPC filters and subscriptions follow the pool through it.
    /// </summary>
    public event Action<SignedTransaction>? Admitted;

    /// <summary>Every pending transaction, per sender in nonce order (senders in arrival order): txpool_* and eth_pendingTransactions.</summary>
    public IReadOnlyList<SignedTransaction> Snapshot()
    {
        lock (_lock)
        {
            var list = new List<SignedTransaction>(_byHash.Count);
            foreach (var queue in _senderOrder)
            {
                for (var i = 0; i < queue.Count; i++)
                {
                    list.Add(queue[i]);
                }
            }

            return list;
        }
    }

    /// <summary>Number of pending transactions.</summary>
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

    /// <summary>A pending transaction by hash, or null.</summary>
    public SignedTransaction? Find(Hash32 hash)
    {
        lock (_lock)
        {
            return _byHash.GetValueOrDefault(hash);
        }
    }

    /// <summary>
    /// The sender's next nonce counting pending transactions: the state nonce, advanced over pending
    /// transactions that follow it without a gap (what <c>eth_getTransactionCount(…, "pending")</c> reports).
    /// </summary>
    public ulong PendingNonce(Address sender)
    {
        var stateNonce = _stateNonce(sender);
        lock (_lock)
        {
            return _bySender.TryGetValue(sender, out var queue) ? queue.NextNonce(stateNonce) : stateNonce;
        }
    }

    /// <summary>
    /// Drops one pending transaction, e.g. one that turned out invalid at execution. Later nonces of the
    /// same sender stay (they wait for the gap to be filled, or for the window to move).
    /// </summary>
    public bool Remove(Hash32 hash)
    {
        lock (_lock)
        {
            if (!_byHash.Remove(hash, out var transaction))
            {
                return false;
            }

            var queue = _bySender[transaction.Sender];
            queue.Remove(transaction);
            RemoveIfEmpty(queue);
            return true;
        }
    }

    private void RemoveIfEmpty(SenderQueue queue)
    {
        if (queue.Count == 0)
        {
            _bySender.Remove(queue.Sender);
            _senderOrder.Remove(queue.OrderNode!);
            queue.OrderNode = null;
        }
    }

    private SenderQueue GetOrAddQueue(Address sender)
    {
        if (!_bySender.TryGetValue(sender, out var queue))
        {
            queue = new SenderQueue(sender);
            queue.OrderNode = _senderOrder.AddLast(queue);
            _bySender.Add(sender, queue);
        }

        return queue;
    }

    private void ForgetHash(SignedTransaction transaction) => _byHash.Remove(transaction.Hash);
}
