using Ledger.Core.Chain;
using Ledger.Core.Records;

namespace Ledger.Execution.Indexing;

/// <summary>
/// The one place that says what happened to each account in a block (implemented by Ledger.Contracts, which knows the
/// modules' events). It must be a pure function of its arguments — the same block and receipts always give the same
/// records, on every node and on every reindex — and must not throw for any block the executor can produce: it runs
/// inside the commit, so a throw stops the chain.
/// </summary>
public interface IRecordClassifier
{
    /// <summary>The records of a committed block, each with its position; <see cref="AccountRecord.Sequence"/> counts from 0.</summary>
    IReadOnlyList<AccountRecord> Classify(Block block, IReadOnlyList<Receipt> receipts);

    /// <summary>The opening balances of the genesis block (genesis writes balances without logs).</summary>
    IReadOnlyList<AccountRecord> Genesis(BlockHeader genesis);

    /// <summary>Every token a record can name (the index keeps an account's records per token and merges them for "all tokens").</summary>
    IReadOnlyList<Core.Primitives.Address> Tokens { get; }
}
