using Ledger.Core.Transactions;

namespace Ledger.Node.Consensus;

public sealed partial class ConsensusDriver
{
    /// <summary>Below this many signatures to recover, one thread does it (Parallel.For costs more than it saves).</summary>
    private const int ParallelRecoveryThreshold = 64;

    /// <summary>
    /// Sets every transaction's sender without trusting the proposer: from this node's own pool when it holds the
    /// identical signed bytes (same hash, so the sender it recovered on admission is the one these bytes give),
    /// otherwise by recovering the signature — in parallel, because a full block is thousands of recoveries and
    /// they were the largest part of validating a proposal (measured: ~36 µs each, ~200 ms for 6,000). Returns why
    /// the first bad transaction (by index) is invalid, or null.
    /// </summary>
    private string? RecoverSenders(IReadOnlyList<SignedTransaction> transactions)
    {
        var unknown = new List<int>();
        for (var i = 0; i < transactions.Count; i++)
        {
            var tx = transactions[i];
            if (_pool.Find(tx.Hash) is { HasSender: true } pooled)
            {
                tx.Sender = pooled.Sender;
                tx.HasSender = true;
            }
            else
            {
                tx.HasSender = false;
                unknown.Add(i);
            }
        }

        var errors = new string?[unknown.Count];
        void Recover(int k)
        {
            if (!TransactionSigner.TryRecoverSender(transactions[unknown[k]], _ecdsa, out var error))
            {
                errors[k] = error;
            }
        }

        if (unknown.Count < ParallelRecoveryThreshold)
        {
            for (var k = 0; k < unknown.Count; k++)
            {
                Recover(k);
            }
        }
        else
        {
            Parallel.For(0, unknown.Count, Recover);
        }

        for (var k = 0; k < errors.Length; k++)
        {
            if (errors[k] is { } error)
            {
                var i = unknown[k];
                return $"transaction {i} ({transactions[i].Hash}): {error}";
            }
        }

        return null;
    }
}
