using System.Numerics;
using Ledger.Api.V1;
using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.Wallet.Statements;

namespace Ledger.Wallet.Tests;

/// <summary>
/// The statement as people read it: sections per currency, each token in its own decimals, spending net of money that
/// came back, bars that compare like with like, and the same numbers in text, JSON and CSV.
/// </summary>
public sealed class StatementTests
{
    private static readonly Token Usda = new() { Symbol = "USDA", Name = "Bank A US Dollar Deposit", Currency = "USD", Decimals = 2, Address = "0x2000000000000000000000000000000000000001" };
    private static readonly Token Eurb = new() { Symbol = "EURB", Name = "Bank B Euro Deposit", Currency = "EUR", Decimals = 2, Address = "0x2000000000000000000000000000000000000003" };
    private static readonly Token Eura = new() { Symbol = "EURA", Name = "Bank A Euro Deposit", Currency = "EUR", Decimals = 2, Address = "0x2000000000000000000000000000000000000002" };
    private static readonly Address Me = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    private static readonly Address Carol = Address.Parse("0x90F79bf6EB2c4f870365E785982E1f101E93b906");
    private static readonly Address Shop = Address.Parse("0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc");

    private static readonly AccountRecord[] Month =
    [
        Record(Usda, RecordKind.Held, RecordDirection.Out, 150_000, Carol),
        Record(Usda, RecordKind.HeldCancelled, RecordDirection.In, 150_000, Carol),
        Record(Usda, RecordKind.Transfer, RecordDirection.Out, 350_000, Carol),
        Record(Usda, RecordKind.InvoicePayment, RecordDirection.Out, 17_000, Shop),
        Record(Usda, RecordKind.Transfer, RecordDirection.In, 1_250, Carol),
        Record(Eurb, RecordKind.InvoicePayment, RecordDirection.Out, 378, Shop),
        Record(Eura, RecordKind.Transfer, RecordDirection.Out, 300, Carol),
    ];

    [Fact]
    public void A_cancelled_hold_is_not_spending_and_currencies_are_sections_never_summed()
    {
        var statement = MonthlyStatement.Build(new DateOnly(2026, 11, 1), Month, [Usda, Eura, Eurb]);

        Assert.Equal(["EUR", "USD"], statement.Currencies.Select(c => c.Currency));
        Assert.Equal(["EURA", "EURB"], statement.Currencies[0].Tokens.Select(t => t.Token.Symbol));
        var usd = Assert.Single(statement.Currencies[1].Tokens).Sums.Total;
        Assert.Equal((new BigInteger(367_000), new BigInteger(1_250), new BigInteger(150_000), 3), (usd.Spent, usd.Received, usd.Returned, usd.Payments));
        Assert.Equal(7, statement.Entries);
    }

    [Fact]
    public void Text_json_and_csv_carry_the_same_numbers_in_each_tokens_decimals()
    {
        var statement = MonthlyStatement.Build(new DateOnly(2026, 11, 1), Month, [Usda, Eura, Eurb]);
        using var text = new StringWriter();
        using var csv = new StringWriter();

        StatementWriter.Text(text, "alice", statement, a => a == Carol ? "carol" : a == Shop ? "shop" : a.ToChecksumString());
        var json = StatementWriter.Json("alice", Me, statement, a => a == Carol ? "carol" : null);
        StatementWriter.Csv(csv, statement, a => a == Carol ? "carol" : null);

        Assert.Contains("spent        3670.00 in 3 payments (1500.00 came back)", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("in 1 payment ", text.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("1 payments", text.ToString(), StringComparison.Ordinal);
        var usda = json["currencies"]![1]!["tokens"]![0]!;
        Assert.Equal(("3670.00", "12.50", "1500.00", "-3657.50"), ((string?)usda["spent"], (string?)usda["received"], (string?)usda["returned"], (string?)usda["net"]));
        Assert.Equal(("carol", "3500.00"), ((string?)usda["byCounterparty"]![0]!["name"], (string?)usda["byCounterparty"]![0]!["spent"]));
        Assert.Contains("USD,USDA,total,USDA,0x2000000000000000000000000000000000000001,12.50,3670.00,1500.00,-3657.50,3", csv.ToString(), StringComparison.Ordinal);
        Assert.Contains($"USD,USDA,counterparty,carol,{Carol.ToChecksumString()},12.50,3500.00,1500.00,-3487.50,2", csv.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bars_compare_spending_within_one_currency_only()
    {
        var statement = MonthlyStatement.Build(new DateOnly(2026, 11, 1), Month, [Usda, Eura, Eurb]);
        using var text = new StringWriter();

        StatementWriter.Text(text, "alice", statement, a => a == Carol ? "carol" : a == Shop ? "shop" : a.ToChecksumString());

        var lines = text.ToString().Split('\n');
        int Bar(string token, string party) => lines.Single(l => l.Contains(party, StringComparison.Ordinal) && l.Contains(" " + token + " ", StringComparison.Ordinal) && l.Contains('█')).Count(c => c == '█');
        // 3.78 EURB and 3,500 USDA are not compared: each currency's largest spending gets the full bar.
        Assert.Equal(BarChart.Width, Bar("USDA", "carol"));
        Assert.Equal(BarChart.Width, Bar("EURB", "shop"));
        Assert.Equal(BarChart.Width * 300 / 378, Bar("EURA", "carol"));
        Assert.Equal(BarChart.Width * 17_000 / 350_000, Bar("USDA", "shop"));
    }

    [Fact]
    public void Month_window_is_the_whole_utc_month_and_defaults_to_the_current_one()
    {
        Assert.True(MonthlyStatement.TryParseMonth("2026-11", out var month));
        var (since, until) = MonthlyStatement.Window(month);

        Assert.Equal((ulong)new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), since);
        Assert.Equal((ulong)new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), until);
        Assert.Equal(new DateOnly(2027, 1, 1), MonthlyStatement.MonthOf(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.FromHours(-1)))); // 00:30 UTC
        Assert.False(MonthlyStatement.TryParseMonth("November", out _));
        Assert.False(MonthlyStatement.TryParseMonth("2026-13", out _));
    }

    [Fact]
    public void Bars_scale_to_the_largest_and_show_any_spend()
    {
        Assert.Equal(BarChart.Width, BarChart.Bar(500, 500).Length);
        Assert.Equal(BarChart.Width / 2, BarChart.Bar(250, 500).Length);
        Assert.Equal(1, BarChart.Bar(1, 1_000_000).Length);
        Assert.Equal(string.Empty, BarChart.Bar(0, 500));
    }

    private static AccountRecord Record(Token token, RecordKind kind, RecordDirection direction, ulong amount, Address counterparty) => new()
    {
        Account = Me,
        Token = Address.Parse(token.Address),
        Kind = kind,
        Direction = direction,
        Amount = new UInt256(amount),
        Counterparty = counterparty,
        BlockNumber = 1,
        Sequence = 0,
        TransactionIndex = 0,
        LogIndex = 0,
        TimestampMs = 0,
        TransactionHash = Hash32.Zero,
    };
}
