using Ledger.Core.Chain;
using Ledger.Core.Records;
using Ledger.Storage;

namespace Ledger.Execution.Indexing;

/// <summary>
/// The node's account index: every record the <see cref="IRecordClassifier"/> derives from a block, stored by account
/// and token, with a pointer by account and counterparty, newest first (keys in <see cref="AccountIndexKeys"/>). The
/// rows of a block go into that block's own WriteBatch (<see cref="Chain.ChainStore"/> calls <see cref="Write"/> inside
/// its commit), so the index can never be behind or ahead of the chain, and history reads never scan blocks.
/// Writes are blind puts — no read on the commit path.
/// </summary>
public sealed partial class AccountIndex
{
    private readonly IKeyValueStore _store;

    public AccountIndex(IKeyValueStore store, IRecordClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(classifier);
        _store = store;
        Classifier = classifier;
    }

    public IRecordClassifier Classifier { get; }

    /// <summary>Classifies a committed block (or genesis, block 0) and adds its rows to <paramref name="batch"/>; returns how many records.</summary>
    public int Write(IWriteBatch batch, Block block, IReadOnlyList<Receipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(block);
        var records = block.Header.Number == 0 ? Classifier.Genesis(block.Header) : Classifier.Classify(block, receipts);
        foreach (var record in records)
        {
            Put(batch, record);
        }

        return records.Count;
    }

    /// <summary>The rows of one record: the record under its account and token, and a pointer (the token) by counterparty.</summary>
    public static void Put(IWriteBatch batch, AccountRecord record)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(record);
        var (block, sequence) = (record.BlockNumber, record.Sequence);
        batch.Put(Column.AccountIndex, AccountIndexKeys.Row(AccountIndexKeys.ByToken, record.Account, record.Token, block, sequence), AccountRecordCodec.Encode(record));
        batch.Put(Column.AccountIndex, AccountIndexKeys.Row(AccountIndexKeys.ByCounterparty, record.Account, record.Counterparty, block, sequence), record.Token.ToArray());
    }

    /// <summary>Marks the index complete (written with genesis, and at the end of a rebuild).</summary>
    public static void MarkComplete(IWriteBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.Put(Column.Meta, AccountIndexKeys.Complete, Chain.ChainKeys.UInt32(AccountIndexKeys.Version));
        batch.Delete(Column.Meta, AccountIndexKeys.Building);
    }

    /// <summary>
    /// Written by a chain store that has no index into each block it commits: the index is no longer complete, and a
    /// later start with an index rebuilds it instead of answering with gaps.
    /// </summary>
    public static void MarkIncomplete(IWriteBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.Delete(Column.Meta, AccountIndexKeys.Complete);
    }
}
