using Ledger.Api.V1;
using Ledger.Wallet.Statements;

namespace Ledger.Wallet.Tests;

public sealed class StatementTests
{
    private static readonly Token Usda = new() { Symbol = "USDA", Currency = "USD", Decimals = 2, Address = "0x2000000000000000000000000000000000000001" };
    private static readonly Token Eurb = new() { Symbol = "EURB", Currency = "EUR", Decimals = 2, Address = "0x2000000000000000000000000000000000000003" };

    [Fact]
    public void Spend_is_summed_per_counterparty_and_per_currency_never_across_currencies()
    {
        HistoryEntry[] entries =
        [
            Entry(TransferDirection.Sent, Usda, "0xshop", 1250),
            Entry(TransferDirection.Sent, Usda, "0xshop", 750),
            Entry(TransferDirection.Sent, Eurb, "0xshop", 420),
            Entry(TransferDirection.Sent, Usda, "0xcarol", 300),
            Entry(TransferDirection.Received, Usda, "0xcarol", 100),
            Entry(TransferDirection.Self, Usda, "0xme", 999),
        ];

        var statement = MonthlyStatement.Build(new DateOnly(2026, 11, 1), entries, a => a == "0xshop" ? "shop" : a);

        Assert.Equal(5, statement.Transfers);
        var first = statement.ByCounterparty[0];
        Assert.Equal(("shop", "USDA", 2000, 2), (first.Label, first.Token, (int)first.Spent, first.Payments));
        Assert.Contains(statement.ByCounterparty, l => l is { Label: "shop", Token: "EURB" } && l.Spent == 420);
        Assert.Contains(statement.ByCounterparty, l => l.Label == "0xcarol" && l.Spent == 300 && l.Received == 100);
        var usd = Assert.Single(statement.ByCurrency, l => l.Currency == "USD");
        Assert.Equal(2300, (int)usd.Spent);
        Assert.Equal(100, (int)usd.Received);
        Assert.Equal(420, (int)Assert.Single(statement.ByCurrency, l => l.Currency == "EUR").Spent);
    }

    [Fact]
    public void Month_window_is_the_whole_utc_month()
    {
        Assert.True(MonthlyStatement.TryParseMonth("2026-11", out var month));
        var (since, until) = MonthlyStatement.Window(month);

        Assert.Equal((ulong)new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), since);
        Assert.Equal((ulong)new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), until);
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

    private static HistoryEntry Entry(TransferDirection direction, Token token, string other, long amount) => new()
    {
        Direction = direction,
        Token = token,
        Amount = amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        From = direction == TransferDirection.Sent ? "0xme" : other,
        To = direction == TransferDirection.Sent ? other : "0xme",
    };
}
