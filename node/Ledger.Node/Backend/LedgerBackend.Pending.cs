using Ledger.Core.Chain;
using Ledger.Core.Transactions;
using Ledger.JsonRpc;
using Ledger.JsonRpc.Subscriptions;

namespace Ledger.Node.Backend;

public sealed partial class LedgerBackend
{
    public LedgerEvents Events { get; } = new();

    /// <summary>
    /// Raised after a transaction submitted to this node (eth_sendRawTransaction) entered the pool: the node
    /// gossips these to its peers. Transactions that arrived by gossip are not raised here (they are not
    /// re-gossiped), but like local ones they reach filters and subscriptions through <see cref="Events"/>.
    /// </summary>
    public event Action<SignedTransaction>? TransactionSubmitted;

    /// <summary>Everything in the pool, submitted here or gossiped by peers, per sender in nonce order.</summary>
    public IReadOnlyList<SignedTransaction> PendingTransactions() => _pool.Snapshot();

    /// <summary>
    /// One page of the pool in (sender, nonce) order. Sorts a whole snapshot per page for now: correct, and
    /// bounded in what it returns; an ordered index in the pool would make it proportional to the page.
    /// </summary>
    public IReadOnlyList<SignedTransaction> PendingTransactions(PoolPosition? after, int limit) => PoolPosition.Page(_pool.Snapshot(), after, limit);

    // Every admission, local or from a peer (the consensus driver admits gossip straight into the pool).
    private void OnPoolAdmitted(SignedTransaction transaction) => Events.PublishPending(transaction);

    private void OnBlockCommitted(Block block, IReadOnlyList<Receipt> receipts) => Events.PublishBlock(block, receipts);
}
