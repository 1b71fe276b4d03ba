using System.Globalization;
using Ledger.Api.V1;
using Ledger.Core.Primitives;
using Ledger.Core.Records;

namespace Ledger.Wallet.Statements;

/// <summary>
/// A month of an account's records as a statement people can read: one section per currency, one block per token in
/// it (USDA and EURA are different banks' money, so they are never added together), each with what came in, what
/// went out net of money that came back, and the spending by counterparty and by kind. The sums come from
/// <see cref="RecordStatement"/>, the node's own arithmetic, so received − spent is the month's balance change.
/// </summary>
public sealed class MonthlyStatement
{
    private MonthlyStatement(DateOnly month, int entries, IReadOnlyList<CurrencySection> currencies)
    {
        Month = month;
        Entries = entries;
        Currencies = currencies;
    }

    public DateOnly Month { get; }

    /// <summary>History entries the statement sums (entries that moved no money included).</summary>
    public int Entries { get; }

    /// <summary>Currencies in alphabetical order; within each, tokens by symbol.</summary>
    public IReadOnlyList<CurrencySection> Currencies { get; }

    /// <summary>"2026-11" as the first day of that month.</summary>
    public static bool TryParseMonth(string text, out DateOnly month) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);

    /// <summary>The month that contains <paramref name="now"/> (UTC).</summary>
    public static DateOnly MonthOf(DateTimeOffset now) => new(now.UtcDateTime.Year, now.UtcDateTime.Month, 1);

    /// <summary>[start, end) of <paramref name="month"/> in Unix milliseconds, UTC.</summary>
    public static (ulong SinceMs, ulong UntilMs) Window(DateOnly month)
    {
        static ulong Ms(DateOnly day) => (ulong)new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        return (Ms(month), Ms(month.AddMonths(1)));
    }

    public static MonthlyStatement Build(DateOnly month, IReadOnlyCollection<AccountRecord> records, IReadOnlyList<Token> tokens)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(tokens);
        var byAddress = tokens.ToDictionary(t => Address.Parse(t.Address));
        var statement = RecordStatement.Build(records);
        var sections = statement.Tokens
            .Where(t => byAddress.ContainsKey(t.Token))
            .GroupBy(t => byAddress[t.Token].Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CurrencySection(g.Key, [.. g.Select(t => new TokenSection(byAddress[t.Token], t)).OrderBy(t => t.Token.Symbol, StringComparer.Ordinal)]))
            .ToList();
        return new MonthlyStatement(month, records.Count, sections);
    }
}
