using Ledger.Core.Chain;
using Ledger.Core.Transactions;

namespace Ledger.JsonRpc.Subscriptions;

/// <summary>
/// One event waiting for the subscription dispatcher: a committed block with its receipts, an admitted
/// transaction, or a wake-up (nothing to send: the dispatcher only looks at what it missed).
/// </summary>
internal sealed class ChainEvent
{
    // Rough fixed costs of what is held beyond the raw bytes: a header and the objects around a transaction.
    private const int HeaderBytes = 1024;
    private const int TransactionOverheadBytes = 256;

    private ChainEvent(Block? block, IReadOnlyList<Receipt>? receipts, SignedTransaction? transaction, long bytes)
    {
        Block = block;
        Receipts = receipts;
        Transaction = transaction;
        Bytes = bytes;
    }

    /// <summary>An event that carries nothing, queued (uncounted) so an idle dispatcher notices a missed event.</summary>
    public static ChainEvent WakeUp { get; } = new(null, null, null, 0);

    public Block? Block { get; }

    public IReadOnlyList<Receipt>? Receipts { get; }

    public SignedTransaction? Transaction { get; }

    /// <summary>What holding this event in the backlog keeps in memory, approximately (raw transactions and log data).</summary>
    public long Bytes { get; }

    public static ChainEvent ForBlock(Block block, IReadOnlyList<Receipt> receipts)
    {
        long bytes = HeaderBytes;
        foreach (var tx in block.Transactions)
        {
            bytes += tx.Raw.Length + TransactionOverheadBytes;
        }

        foreach (var receipt in receipts)
        {
            foreach (var log in receipt.Logs)
            {
                bytes += 20 + (32L * log.Topics.Count) + log.Data.Length;
            }
        }

        return new ChainEvent(block, receipts, null, bytes);
    }

    public static ChainEvent ForTransaction(SignedTransaction transaction) =>
        new(null, null, transaction, transaction.Raw.Length + TransactionOverheadBytes);
}
