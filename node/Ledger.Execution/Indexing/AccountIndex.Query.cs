using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.Storage;

namespace Ledger.Execution.Indexing;

/// <summary>
/// Reading a page: seek once per run of rows the query can use — the account's rows with one counterparty, or with one
/// token, or the runs of all its tokens merged newest first — to the newest position the query allows (the anchor
/// block, the end of the time window, or just after the cursor), and walk back in time until the page is full, the
/// window's first block is passed, or the scan budget is spent. The cost depends on the page size and on how many rows
/// a filter skips, never on the length of the chain.
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

        return Walk(query, Rows(query, top), bottom, anchor);
    }

    /// <summary>The rows the query reads, newest first, each with a way to load its record.</summary>
    private IEnumerable<Row> Rows(AccountHistoryQuery query, ulong top)
    {
        if (query.Counterparty is { } counterparty)
        {
            return Run(AccountIndexKeys.Prefix(AccountIndexKeys.ByCounterparty, query.Account, counterparty), query, top)
                .Select(e => new Row(e.Key, e.Value, Pointer: true));
        }

        var tokens = query.Token is { } token ? [token] : Classifier.Tokens;
        var runs = tokens.Select(t => Run(AccountIndexKeys.Prefix(AccountIndexKeys.ByToken, query.Account, t), query, top)).ToList();
        return Merge(runs).Select(e => new Row(e.Key, e.Value, Pointer: false));
    }

    /// <summary>One run of rows under <paramref name="prefix"/>, from the newest position the query allows.</summary>
    private IEnumerable<KeyValuePair<byte[], byte[]>> Run(byte[] prefix, AccountHistoryQuery query, ulong top)
    {
        var start = AccountIndexKeys.NewestOf(prefix, top);
        if (query.Cursor is { } cursor)
        {
            var afterCursor = AccountIndexKeys.After(AccountIndexKeys.At(prefix, cursor.BlockNumber, cursor.Sequence));
            if (afterCursor.AsSpan().SequenceCompareTo(start) > 0)
            {
                start = afterCursor;
            }
        }

        return _store.Iterate(Column.AccountIndex, prefix, start);
    }

    /// <summary>Runs of different tokens merged into one newest-first sequence (positions are unique across a block).</summary>
    private static IEnumerable<KeyValuePair<byte[], byte[]>> Merge(List<IEnumerable<KeyValuePair<byte[], byte[]>>> runs)
    {
        if (runs.Count == 1)
        {
            foreach (var entry in runs[0])
            {
                yield return entry;
            }

            yield break;
        }

        var cursors = new List<IEnumerator<KeyValuePair<byte[], byte[]>>>();
        try
        {
            foreach (var run in runs)
            {
                var enumerator = run.GetEnumerator();
                if (enumerator.MoveNext())
                {
                    cursors.Add(enumerator);
                }
                else
                {
                    enumerator.Dispose();
                }
            }

            while (cursors.Count > 0)
            {
                var newest = 0;
                for (var i = 1; i < cursors.Count; i++)
                {
                    if (Tail(cursors[i].Current.Key).SequenceCompareTo(Tail(cursors[newest].Current.Key)) < 0)
                    {
                        newest = i;
                    }
                }

                yield return cursors[newest].Current;
                if (!cursors[newest].MoveNext())
                {
                    cursors[newest].Dispose();
                    cursors.RemoveAt(newest);
                }
            }
        }
        finally
        {
            foreach (var cursor in cursors)
            {
                cursor.Dispose();
            }
        }
    }

    private static ReadOnlySpan<byte> Tail(byte[] key) => key.AsSpan(key.Length - AccountIndexKeys.PositionLength);

    private AccountHistoryPage Walk(AccountHistoryQuery query, IEnumerable<Row> rows, ulong bottom, ulong anchor)
    {
        var skip = query.Page > 1 ? (long)(query.Page - 1) * query.PageSize : 0;
        var records = new List<AccountRecord>(Math.Min(query.PageSize, 64));
        var examined = 0;
        (ulong Block, int Sequence)? last = null;
        foreach (var row in rows)
        {
            var (block, sequence) = AccountIndexKeys.Position(row.Key);
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
            var record = Load(query, row, block, sequence);
            if (record is null || !Matches(query, record))
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

    /// <summary>The record of a row: decoded from a token row, or looked up through a counterparty row (null when its token is filtered out).</summary>
    private AccountRecord? Load(AccountHistoryQuery query, Row row, ulong block, int sequence)
    {
        if (!row.Pointer)
        {
            return AccountRecordCodec.Decode(query.Account, row.Value);
        }

        if (row.Value.Length != Address.Length)
        {
            throw new Chain.ChainDataException($"account index pointer of {query.Account} at block {block} #{sequence} is damaged: database is inconsistent");
        }

        var token = new Address(row.Value);
        if (query.Token is { } wanted && wanted != token)
        {
            return null;
        }

        var value = _store.Get(Column.AccountIndex, AccountIndexKeys.Row(AccountIndexKeys.ByToken, query.Account, token, block, sequence))
            ?? throw new Chain.ChainDataException($"account index row of {query.Account} at block {block} #{sequence} is missing: database is inconsistent");
        return AccountRecordCodec.Decode(query.Account, value);
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

    /// <summary>One index row as read: a token row holds the record, a counterparty row the token to find it under.</summary>
    private readonly record struct Row(byte[] Key, byte[] Value, bool Pointer);
}
