using System.Collections.Concurrent;
using Ledger.Core.Chain;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.JsonRpc.Subscriptions;

namespace Ledger.Node.Backend;

public sealed partial class LedgerBackend
{
    // The pool offers lookups by hash but no listing, so the backend remembers what it admitted; entries the pool
    // no longer holds (committed, replaced, evicted) are dropped on each block and whenever the list is read.
    private readonly ConcurrentDictionary<Hash32, SignedTransaction> _admitted = new();

    public LedgerEvents Events { get; } = new();

    public IReadOnlyList<SignedTransaction> PendingTransactions()
    {
        var list = new List<SignedTransaction>(_admitted.Count);
        foreach (var (hash, tx) in _admitted)
        {
            if (_pool.Find(hash) is null)
            {
                _admitted.TryRemove(hash, out _);
            }
            else
            {
                list.Add(tx);
            }
        }

        return list;
    }

    private void OnAdmitted(SignedTransaction transaction)
    {
        _admitted[transaction.Hash] = transaction;
        Events.PublishPending(transaction);
    }

    private void OnBlockCommitted(Block block, IReadOnlyList<Receipt> receipts)
    {
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            _admitted.TryRemove(block.Transactions[i].Hash, out _);
        }

        Events.PublishBlock(block, receipts);
    }
}
