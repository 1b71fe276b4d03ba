using System.Globalization;
using System.Numerics;
using Ledger.Api.V1;

namespace Ledger.Wallet.Statements;

/// <summary>One row of a statement: a counterparty (or currency) and what went out and came in, in one token.</summary>
public sealed record StatementLine(string Label, string Token, string Currency, int Decimals, BigInteger Spent, BigInteger Received, int Payments);

/// <summary>
/// A month of an account's transfers summed up: spend per counterparty (a merchant, a contact, an address) and per
/// currency. Sums stay per token and per currency: different currencies are never added together.
/// </summary>
public sealed class MonthlyStatement
{
    private MonthlyStatement(DateOnly month, IReadOnlyList<StatementLine> byCounterparty, IReadOnlyList<StatementLine> byCurrency, int transfers)
    {
        Month = month;
        ByCounterparty = byCounterparty;
        ByCurrency = byCurrency;
        Transfers = transfers;
    }

    public DateOnly Month { get; }

    /// <summary>Largest spend first; accounts only paid from are listed after those paid to.</summary>
    public IReadOnlyList<StatementLine> ByCounterparty { get; }

    public IReadOnlyList<StatementLine> ByCurrency { get; }

    public int Transfers { get; }

    /// <summary>"2026-11" as the first day of that month; a usage error for anything else.</summary>
    public static bool TryParseMonth(string text, out DateOnly month) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);

    /// <summary>[start, end) of <paramref name="month"/> in Unix milliseconds, UTC.</summary>
    public static (ulong SinceMs, ulong UntilMs) Window(DateOnly month)
    {
        static ulong Ms(DateOnly day) => (ulong)new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        return (Ms(month), Ms(month.AddMonths(1)));
    }

    /// <param name="label">Names an address for the reader: a contact, a module, or the address itself.</param>
    public static MonthlyStatement Build(DateOnly month, IEnumerable<HistoryEntry> entries, Func<string, string> label)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(label);
        var byCounterparty = new Dictionary<(string, string), StatementLine>();
        var byCurrency = new Dictionary<string, StatementLine>(StringComparer.Ordinal);
        var count = 0;
        foreach (var entry in entries)
        {
            if (entry.Direction is not (TransferDirection.Sent or TransferDirection.Received))
            {
                continue; // a transfer to oneself is neither spend nor income
            }

            count++;
            var amount = BigInteger.Parse(entry.Amount, NumberStyles.None, CultureInfo.InvariantCulture);
            var sent = entry.Direction == TransferDirection.Sent;
            var other = label(sent ? entry.To : entry.From);
            var token = entry.Token;
            var key = (other, token.Symbol);
            byCounterparty[key] = Add(byCounterparty.GetValueOrDefault(key) ?? Empty(other, token), amount, sent);
            byCurrency[token.Currency] = Add(byCurrency.GetValueOrDefault(token.Currency) ?? Empty(token.Currency, token) with { Token = token.Currency }, amount, sent);
        }

        return new MonthlyStatement(
            month,
            [.. byCounterparty.Values.OrderByDescending(l => l.Spent).ThenByDescending(l => l.Received).ThenBy(l => l.Label, StringComparer.Ordinal)],
            [.. byCurrency.Values.OrderBy(l => l.Currency, StringComparer.Ordinal)],
            count);
    }

    private static StatementLine Empty(string label, Token token) => new(label, token.Symbol, token.Currency, (int)token.Decimals, BigInteger.Zero, BigInteger.Zero, 0);

    private static StatementLine Add(StatementLine line, BigInteger amount, bool sent) => sent
        ? line with { Spent = line.Spent + amount, Payments = line.Payments + 1 }
        : line with { Received = line.Received + amount };
}
