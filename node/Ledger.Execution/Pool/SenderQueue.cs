using Ledger.Core.Primitives;
using Ledger.Core.Transactions;

namespace Ledger.Execution.Pool;

/// <summary>
/// One sender's pending transactions, sorted by nonce, at most one per nonce. A sorted list rather than a
/// tree: nonces nearly always arrive in order (append), and dropping the committed prefix is one memmove.
/// Not thread-safe: the pool's lock guards it.
/// </summary>
internal sealed class SenderQueue(Address sender)
{
    private readonly List<SignedTransaction> _transactions = [];

    public Address Sender { get; } = sender;

    /// <summary>This queue's place in the pool's arrival order of senders (round-robin order).</summary>
    public LinkedListNode<SenderQueue>? OrderNode { get; set; }

    public int Count => _transactions.Count;

    public SignedTransaction this[int index] => _transactions[index];

    /// <summary>Index of <paramref name="nonce"/>, or the bitwise complement of where it would go.</summary>
    public int IndexOf(ulong nonce)
    {
        var lo = 0;
        var hi = _transactions.Count - 1;
        if (hi >= 0 && _transactions[hi].Nonce < nonce)
        {
            return ~_transactions.Count; // the common case: the next nonce goes at the end
        }

        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var midNonce = _transactions[mid].Nonce;
            if (midNonce == nonce)
            {
                return mid;
            }

            if (midNonce < nonce)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    public SignedTransaction? Get(ulong nonce)
    {
        var index = IndexOf(nonce);
        return index >= 0 ? _transactions[index] : null;
    }

    /// <summary>Inserts in nonce order; returns the transaction it replaced (same nonce), if any.</summary>
    public SignedTransaction? Upsert(SignedTransaction transaction)
    {
        var index = IndexOf(transaction.Nonce);
        if (index >= 0)
        {
            var replaced = _transactions[index];
            _transactions[index] = transaction;
            return replaced;
        }

        _transactions.Insert(~index, transaction);
        return null;
    }

    /// <summary>Removes every transaction with a nonce below <paramref name="nonce"/>, reporting each to <paramref name="removed"/>.</summary>
    public void RemoveBelow(ulong nonce, Action<SignedTransaction> removed)
    {
        var index = IndexOf(nonce);
        var count = index >= 0 ? index : ~index;
        for (var i = 0; i < count; i++)
        {
            removed(_transactions[i]);
        }

        _transactions.RemoveRange(0, count);
    }

    public bool Remove(SignedTransaction transaction)
    {
        var index = IndexOf(transaction.Nonce);
        if (index < 0 || _transactions[index].Hash != transaction.Hash)
        {
            return false;
        }

        _transactions.RemoveAt(index);
        return true;
    }

    /// <summary>The sender's next nonce counting pending transactions that follow the state nonce without a gap.</summary>
    public ulong NextNonce(ulong stateNonce)
    {
        var index = IndexOf(stateNonce);
        if (index < 0)
        {
            return stateNonce;
        }

        var next = stateNonce;
        while (index < _transactions.Count && _transactions[index].Nonce == next)
        {
            index++;
            next++;
        }

        return next;
    }
}
