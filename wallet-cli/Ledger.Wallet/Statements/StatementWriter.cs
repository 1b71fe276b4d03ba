using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.Wallet.Amounts;
using Ledger.Wallet.Client;

namespace Ledger.Wallet.Statements;

/// <summary>
/// A statement as text (sections per currency, bars that compare like with like), as JSON and as CSV — the same
/// numbers in all three, formatted in each token's decimals.
/// </summary>
internal static class StatementWriter
{
    public static void Text(TextWriter output, string label, MonthlyStatement statement, Func<Address, string> name)
    {
        output.WriteLine($"Statement of {label} for {statement.Month:yyyy-MM} (UTC): {Count(statement.Entries, "history entry", "history entries")}");
        if (statement.Currencies.Count == 0)
        {
            output.WriteLine("  Nothing moved this month.");
            return;
        }

        foreach (var currency in statement.Currencies)
        {
            output.WriteLine();
            output.WriteLine(currency.Currency);
            // Bars compare spending within this currency only, across its tokens in one scale.
            var largest = currency.Tokens.SelectMany(t => t.Sums.ByCounterparty.Select(p => currency.Scaled(t, p.Line.Spent))).DefaultIfEmpty(0).Max();
            foreach (var token in currency.Tokens)
            {
                var total = token.Sums.Total;
                var d = (int)token.Token.Decimals;
                output.WriteLine($"  {token.Token.Symbol} ({token.Token.Name})");
                output.WriteLine($"    received {Amount(total.Received, d),14}   spent {Amount(total.Spent, d),14} in {Count(total.Payments, "payment", "payments")}"
                    + (total.Returned.IsZero ? string.Empty : $" ({Amount(total.Returned, d)} came back)") + $"   net {Signed(total.Net, d)}");
                var spending = token.Sums.ByCounterparty.Where(p => p.Line.Spent != 0).ToList();
                if (spending.Count > 0)
                {
                    output.WriteLine("    spent by counterparty");
                    var width = Math.Max(12, spending.Max(p => name(p.Counterparty).Length));
                    foreach (var party in spending)
                    {
                        output.WriteLine($"      {name(party.Counterparty).PadRight(width)} {Amount(party.Line.Spent, d),14} {token.Token.Symbol,-5} {BarChart.Bar(currency.Scaled(token, party.Line.Spent), largest)}");
                    }
                }

                output.WriteLine("    by kind");
                foreach (var kind in token.Sums.ByKind.Where(k => k.Line.Spent != 0 || k.Line.Received != 0 || k.Line.Returned != 0))
                {
                    var what = HistoryKinds.Group(kind.Kind.WireName());
                    output.WriteLine($"      {what,-22} received {Amount(kind.Line.Received, d),14}   spent {Amount(kind.Line.Spent, d),14}");
                }
            }
        }
    }

    public static JsonObject Json(string label, Address address, MonthlyStatement statement, Func<Address, string?> name) => new()
    {
        ["account"] = label,
        ["address"] = address.ToChecksumString(),
        ["month"] = statement.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        ["entries"] = statement.Entries,
        ["currencies"] = new JsonArray([.. statement.Currencies.Select(c => (JsonNode)new JsonObject
        {
            ["currency"] = c.Currency,
            ["tokens"] = new JsonArray([.. c.Tokens.Select(t => (JsonNode)Token(t, name))]),
        })]),
    };

    public static void Csv(TextWriter output, MonthlyStatement statement, Func<Address, string?> name)
    {
        output.WriteLine("currency,token,group,label,address,received,spent,returned,net,payments");
        foreach (var currency in statement.Currencies)
        {
            foreach (var token in currency.Tokens)
            {
                var d = (int)token.Token.Decimals;
                void Row(string group, string label, string address, StatementLine line) => output.WriteLine(string.Join(
                    ',', currency.Currency, token.Token.Symbol, group, Quote(label), address, Amount(line.Received, d), Amount(line.Spent, d), Amount(line.Returned, d), Signed(line.Net, d),
                    line.Payments.ToString(CultureInfo.InvariantCulture)));
                Row("total", token.Token.Symbol, token.Token.Address, token.Sums.Total);
                foreach (var party in token.Sums.ByCounterparty)
                {
                    Row("counterparty", name(party.Counterparty) ?? party.Counterparty.ToChecksumString(), party.Counterparty.ToChecksumString(), party.Line);
                }

                foreach (var kind in token.Sums.ByKind)
                {
                    Row("kind", kind.Kind.WireName(), string.Empty, kind.Line);
                }
            }
        }
    }

    private static JsonObject Token(TokenSection token, Func<Address, string?> name)
    {
        var d = (int)token.Token.Decimals;
        var json = Line(token.Sums.Total, d);
        json["token"] = token.Token.Symbol;
        json["name"] = token.Token.Name;
        json["decimals"] = d;
        json["byCounterparty"] = new JsonArray([.. token.Sums.ByCounterparty.Select(p =>
        {
            var line = Line(p.Line, d);
            line["counterparty"] = p.Counterparty.ToChecksumString();
            line["name"] = name(p.Counterparty);
            return (JsonNode)line;
        })]);
        json["byKind"] = new JsonArray([.. token.Sums.ByKind.Select(k =>
        {
            var line = Line(k.Line, d);
            line["kind"] = k.Kind.WireName();
            return (JsonNode)line;
        })]);
        return json;
    }

    private static JsonObject Line(StatementLine line, int decimals) => new()
    {
        ["received"] = Amount(line.Received, decimals),
        ["spent"] = Amount(line.Spent, decimals),
        ["returned"] = Amount(line.Returned, decimals),
        ["net"] = Signed(line.Net, decimals),
        ["payments"] = line.Payments,
    };

    /// <summary>An amount that may be negative (more came back than went out in the month), in the token's decimals.</summary>
    private static string Amount(BigInteger value, int decimals) =>
        (value.Sign < 0 ? "-" : string.Empty) + TokenAmount.Format(BigInteger.Abs(value).ToString(CultureInfo.InvariantCulture), decimals);

    private static string Signed(BigInteger value, int decimals) => value.Sign > 0 ? "+" + Amount(value, decimals) : Amount(value, decimals);

    private static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n.ToString(CultureInfo.InvariantCulture)} {many}";

    private static string Quote(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal) ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
