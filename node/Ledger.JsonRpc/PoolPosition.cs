using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.JsonRpc;

/// <summary>
/// A place in the pool's paging order, (sender, nonce) ascending: pages of txpool_* and eth_pendingTransactions
/// resume strictly after the last transaction returned. The order is a property of the transactions, not of a
/// snapshot, so a transaction that stays in the pool while a client pages is listed exactly once.
/// </summary>
public readonly record struct PoolPosition(Address Sender, ulong Nonce) : IComparable<PoolPosition>
{
    public static PoolPosition Of(SignedTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new PoolPosition(transaction.Sender, transaction.Nonce);
    }

    public int CompareTo(PoolPosition other)
    {
        var bySender = Sender.CompareTo(other.Sender);
        return bySender != 0 ? bySender : Nonce.CompareTo(other.Nonce);
    }

    public static bool operator <(PoolPosition left, PoolPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(PoolPosition left, PoolPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(PoolPosition left, PoolPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PoolPosition left, PoolPosition right) => left.CompareTo(right) >= 0;

    /// <summary>
    /// The page of <paramref name="pool"/> after <paramref name="after"/> (from the start when null): at most
    /// <paramref name="limit"/> transactions in paging order. Sorts a whole snapshot: the simple default a
    /// backend can replace with an ordered index.
    /// </summary>
    public static IReadOnlyList<SignedTransaction> Page(IEnumerable<SignedTransaction> pool, PoolPosition? after, int limit)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var page = new List<SignedTransaction>();
        foreach (var tx in pool)
        {
            if (after is not { } start || Of(tx) > start)
            {
                page.Add(tx);
            }
        }

        page.Sort(static (a, b) => Of(a).CompareTo(Of(b)));
        if (page.Count > limit)
        {
            page.RemoveRange(limit, page.Count - limit);
        }

        return page;
    }
}
