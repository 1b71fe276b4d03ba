using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.Storage;

namespace Ledger.Execution.Indexing;

/// <summary>
/// Reading a page: choose the narrowest family (by counterparty, by token, by account), seek once to the newest
/// position the query allows (the anchor block, the end of the time window, or just after the cursor) and walk
/// backwards in time until the page is full, the window's first block is passed, or the scan budget is spent. The cost
/// depends on the page size and on how many rows a filter skips, never on the length of the chain.
/// </summary>
public sealed partial class AccountIndex
{
    /// <summary>Most rows one query examines (skipped page numbers and rows a kind or token filter drops included).</summary>
    public const int MaxScan = 50_000;

    /// <param name="head">The chain's head: rows of a block after it (written a moment before the head moves) are never shown.</param>
    /// <param name="timestampOf">The timestamp of a committed block (for the time window).</param>
    public AccountHistoryPage Query(AccountHistoryQuery query, ulong head, Func<ulong, ulong> timestampOf)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(timestampOf);
        Validate(query);
        var anchor = Math.Min(query.AsOfBlock ?? head, head);
        var top = anchor;
        if (query.UntilMs != 0)
        {
            // The newest block before the window's end; none when even genesis is later.
            var first = FirstBlockAtOrAfter(query.UntilMs, anchor, timestampOf);
            if (first == 0)
            {
                return new AccountHistoryPage([], null, anchor);
            }

            top = Math.Min(top, first - 1);
        }

        var bottom = query.SinceMs == 0 ? 0 : FirstBlockAtOrAfter(query.SinceMs, anchor, timestampOf);
        if (bottom > top)
        {
            return new AccountHistoryPage([], null, anchor);
        }

        var (prefix, byAccount) = query.Counterparty is { } counterparty
            ? (AccountIndexKeys.Prefix(AccountIndexKeys.ByCounterparty, query.Account, counterparty), false)
            : query.Token is { } token
                ? (AccountIndexKeys.Prefix(AccountIndexKeys.ByToken, query.Account, token), false)
                : (AccountIndexKeys.Prefix(AccountIndexKeys.ByAccount, query.Account), true);
        var start = AccountIndexKeys.NewestOf(prefix, top);
        if (query.Cursor is { } cursor)
        {
            var afterCursor = AccountIndexKeys.After(AccountIndexKeys.At(prefix, cursor.BlockNumber, cursor.Sequence));
            if (afterCursor.AsSpan().SequenceCompareTo(start) > 0)
            {
                start = afterCursor;
            }
        }

        return Walk(query, prefix, byAccount, start, bottom, anchor);
    }

    private AccountHistoryPage Walk(AccountHistoryQuery query, byte[] prefix, bool byAccount, byte[] start, ulong bottom, ulong anchor)
    {
        var accountPrefix = AccountIndexKeys.Prefix(AccountIndexKeys.ByAccount, query.Account);
        var skip = query.Page > 1 ? (long)(query.Page - 1) * query.PageSize : 0;
        var records = new List<AccountRecord>(Math.Min(query.PageSize, 64));
        var examined = 0;
        (ulong Block, int Sequence)? last = null;
        foreach (var (key, value) in _store.Iterate(Column.AccountIndex, prefix, start))
        {
            var (block, sequence) = AccountIndexKeys.Position(key);
            if (block < bottom)
            {
                return new AccountHistoryPage(records, null, anchor);
            }

            if (records.Count == query.PageSize)
            {
                // Another row of the range exists: the page gets a cursor (a filter may still find nothing after it).
                return new AccountHistoryPage(records, new HistoryCursor(last!.Value.Block, last.Value.Sequence), anchor);
            }

            if (++examined > MaxScan)
            {
                if (query.Page > 0)
                {
                    throw new ArgumentException(
                        $"page {query.Page} lies beyond the {MaxScan} records one request may step over; page with the cursor (nextCursor) instead");
                }

                return new AccountHistoryPage(records, new HistoryCursor(last!.Value.Block, last.Value.Sequence), anchor);
            }

            last = (block, sequence);
            var record = byAccount ? AccountRecordCodec.Decode(query.Account, value) : Load(accountPrefix, query.Account, block, sequence);
            if (!Matches(query, record))
            {
                continue;
            }

            if (skip > 0)
            {
                skip--;
                continue;
            }

            records.Add(record);
        }

        return new AccountHistoryPage(records, null, anchor);
    }

    private AccountRecord Load(byte[] accountPrefix, Address account, ulong block, int sequence)
    {
        var value = _store.Get(Column.AccountIndex, AccountIndexKeys.At(accountPrefix, block, sequence))
            ?? throw new Chain.ChainDataException($"account index row of {account} at block {block} #{sequence} is missing: database is inconsistent");
        return AccountRecordCodec.Decode(account, value);
    }

    private static bool Matches(AccountHistoryQuery query, AccountRecord record) =>
        (query.Token is not { } token || record.Token == token)
        && (query.Kinds is not { Count: > 0 } kinds || kinds.Contains(record.Kind));

    private static void Validate(AccountHistoryQuery query)
    {
        if (query.PageSize is < 1 or > AccountHistoryQuery.MaxPageSize)
        {
            throw new ArgumentException($"page size {query.PageSize} is out of range (1 to {AccountHistoryQuery.MaxPageSize})");
        }

        if (query.Page < 0)
        {
            throw new ArgumentException($"page {query.Page} is not a page number (1, 2, …)");
        }

        if (query.Page > 0 && query.Cursor is not null)
        {
            throw new ArgumentException("give a page number or a cursor, not both");
        }

        if (query.UntilMs != 0 && query.SinceMs >= query.UntilMs)
        {
            throw new ArgumentException($"the time window is empty: since {query.SinceMs} ms is not before until {query.UntilMs} ms");
        }
    }

    /// <summary>The first block in [0, <paramref name="last"/>] with a timestamp at or after <paramref name="ms"/>; last + 1 when none (block times never decrease).</summary>
    private static ulong FirstBlockAtOrAfter(ulong ms, ulong last, Func<ulong, ulong> timestampOf)
    {
        ulong low = 0;
        var high = last + 1;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (timestampOf(middle) >= ms)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
