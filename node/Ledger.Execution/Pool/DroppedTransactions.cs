using Ledger.Core.Primitives;

namespace Ledger.Execution.Pool;

/// <summary>
/// The last N transactions that left the pool without being committed, and why: what lets a client that was told
/// "accepted" find out that its transaction will not commit. Bounded in count (oldest forgotten first); each record
/// is a few hundred bytes at most. Not thread-safe: the pool's lock guards it.
/// </summary>
internal sealed class DroppedTransactions(int capacity)
{
    private readonly Dictionary<Hash32, PoolTransactionStatus> _byHash = [];
    private readonly Queue<Hash32> _order = new();
    private readonly long[] _counts = new long[Enum.GetValues<PoolDropReason>().Length];

    public int Count => _byHash.Count;

    public void Record(Hash32 hash, PoolDropReason reason, string detail, long atMs, Hash32? replacedBy = null)
    {
        _counts[(int)reason]++;
        if (capacity == 0)
        {
            return;
        }

        if (!_byHash.ContainsKey(hash))
        {
            _order.Enqueue(hash);
            while (_order.Count > capacity)
            {
                _byHash.Remove(_order.Dequeue());
            }
        }

        _byHash[hash] = new PoolTransactionStatus(PoolTransactionState.Dropped, null, reason, detail, replacedBy, atMs);
    }

    public PoolTransactionStatus? Find(Hash32 hash) => _byHash.TryGetValue(hash, out var status) ? status : null;

    /// <summary>How many transactions were dropped for <paramref name="reason"/> since start (including forgotten records).</summary>
    public long CountOf(PoolDropReason reason) => _counts[(int)reason];
}
