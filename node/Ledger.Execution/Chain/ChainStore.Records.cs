using System.Buffers.Binary;
using Ledger.Core.Records;
using Ledger.Execution.Indexing;
using Ledger.Storage;

namespace Ledger.Execution.Chain;

/// <summary>
/// The account index inside the chain store: written in each block's batch, built once on start when the data
/// directory has none (a data dir from before the index, or one a store without an index committed to), and queried
/// without ever reading a block.
/// </summary>
public sealed partial class ChainStore
{
    /// <summary>A rebuild writes one synced batch per this many records (or <see cref="RebuildBlocksPerBatch"/> blocks).</summary>
    private const int RebuildRecordsPerBatch = 20_000;

    private const int RebuildBlocksPerBatch = 2_000;

    /// <summary>
    /// Raised on the opening thread while <see cref="Open"/> builds a missing account index: after each batch and once
    /// done. Attach before <see cref="Open"/>.
    /// </summary>
    public event Action<AccountIndexProgress>? AccountIndexBuilding;

    /// <summary>The account index, or null for a chain store made without a record classifier.</summary>
    public AccountIndex? Accounts => _accounts;

    /// <summary>A page of an account's records, newest first (see <see cref="AccountHistoryQuery"/>); throws without an index.</summary>
    public AccountHistoryPage GetAccountHistory(AccountHistoryQuery query)
    {
        var index = _accounts ?? throw new InvalidOperationException("this chain store keeps no account index");
        return index.Query(query, HeadNumber, TimestampOf);
    }

    private ulong TimestampOf(ulong number) =>
        GetHeader(number)?.TimestampMs ?? throw Inconsistent($"canonical block {number} is missing");

    /// <summary>Adds the block's index rows to its batch, or, without an index, marks the stored index incomplete.</summary>
    private void WriteIndex(IWriteBatch batch, Core.Chain.Block block, IReadOnlyList<Core.Chain.Receipt> receipts)
    {
        if (_accounts is null)
        {
            AccountIndex.MarkIncomplete(batch);
            return;
        }

        _accounts.Write(batch, block, receipts);
    }

    /// <summary>
    /// Builds the index of an existing data dir that lacks it, from the blocks on disk, resuming an interrupted build.
    /// Rows of a stale or partial index are deleted first. Runs under the commit lock before the store serves.
    /// </summary>
    private void EnsureAccountIndex()
    {
        if (_accounts is null)
        {
            return;
        }

        var complete = _store.Get(Column.Meta, AccountIndexKeys.Complete);
        if (complete is { Length: 4 } && BinaryPrimitives.ReadUInt32BigEndian(complete) == AccountIndexKeys.Version)
        {
            return;
        }

        var building = _store.Get(Column.Meta, AccountIndexKeys.Building);
        ulong next = 0;
        if (building is { Length: 8 })
        {
            next = BinaryPrimitives.ReadUInt64BigEndian(building);
        }
        else
        {
            ClearAccountIndex();
        }

        var head = HeadNumber;
        long records = 0;
        while (next <= head)
        {
            using var batch = _store.CreateBatch();
            var blocks = 0;
            var written = 0;
            while (next <= head && blocks < RebuildBlocksPerBatch && written < RebuildRecordsPerBatch)
            {
                var block = GetBlock(next) ?? throw Inconsistent($"canonical block {next} is missing");
                var receipts = GetReceipts(block.Header.Hash) ?? throw Inconsistent($"receipts of block {next} are missing");
                written += _accounts.Write(batch, block, receipts);
                next++;
                blocks++;
            }

            batch.Put(Column.Meta, AccountIndexKeys.Building, ChainKeys.UInt64(next));
            WriteDurably(batch);
            records += written;
            AccountIndexBuilding?.Invoke(new AccountIndexProgress(next, head, records, Done: false));
        }

        using (var done = _store.CreateBatch())
        {
            AccountIndex.MarkComplete(done);
            WriteDurably(done);
        }

        AccountIndexBuilding?.Invoke(new AccountIndexProgress(next, head, records, Done: true));
    }

    /// <summary>Deletes every row of the index column (a stale layout or the rows of an interrupted first build).</summary>
    private void ClearAccountIndex()
    {
        while (true)
        {
            using var batch = _store.CreateBatch();
            foreach (var (key, _) in _store.Iterate(Column.AccountIndex, []).Take(RebuildRecordsPerBatch))
            {
                batch.Delete(Column.AccountIndex, key);
            }

            if (batch.Count == 0)
            {
                return;
            }

            WriteDurably(batch);
        }
    }
}
