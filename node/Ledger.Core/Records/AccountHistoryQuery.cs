using Ledger.Core.Primitives;

namespace Ledger.Core.Records;

/// <summary>
/// One page of an account's records, newest first: filtered by token, counterparty, kinds and a time window, and
/// positioned either by an opaque <see cref="Cursor"/> (from the previous page) or by a page number counted from
/// <see cref="AsOfBlock"/> (so page 3 is the same page while new blocks arrive).
/// </summary>
public sealed record AccountHistoryQuery
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 500;

    public required Address Account { get; init; }

    public Address? Token { get; init; }

    public Address? Counterparty { get; init; }

    /// <summary>Only these kinds; null or empty for all.</summary>
    public IReadOnlySet<RecordKind>? Kinds { get; init; }

    /// <summary>Blocks with a timestamp at or after this (Unix ms); 0 for no lower bound.</summary>
    public ulong SinceMs { get; init; }

    /// <summary>Blocks with a timestamp before this (Unix ms); 0 for no upper bound.</summary>
    public ulong UntilMs { get; init; }

    /// <summary>1 to <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The previous page's <see cref="AccountHistoryPage.NextCursor"/>; null for the newest page.</summary>
    public HistoryCursor? Cursor { get; init; }

    /// <summary>1-based page number, counted from <see cref="AsOfBlock"/>; 0 when paging by cursor.</summary>
    public int Page { get; init; }

    /// <summary>Only records of blocks up to this one (the head when null); the anchor that keeps page numbers stable.</summary>
    public ulong? AsOfBlock { get; init; }
}
