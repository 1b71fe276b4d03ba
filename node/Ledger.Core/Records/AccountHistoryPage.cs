namespace Ledger.Core.Records;

/// <summary>
/// A page of records, newest first. <see cref="NextCursor"/> continues after the last record (null when there are no
/// older matches); <see cref="AsOfBlock"/> is the newest block the page considered, to pass back with page numbers.
/// A page may hold fewer records than asked and still have a cursor when the request's scan budget ran out first
/// (a filter that few records match): follow the cursor.
/// </summary>
public sealed record AccountHistoryPage(IReadOnlyList<AccountRecord> Records, HistoryCursor? NextCursor, ulong AsOfBlock);
