using System.Text.Json;
using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>ledger_getAccountHistory: the query object as parsed, the page as written, and every malformed query refused as -32602.</summary>
public sealed class AccountHistoryMethodTests(RpcServerFixture fixture) : IClassFixture<RpcServerFixture>
{
    private static readonly Address Alice = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    private static readonly Address Carol = Address.Parse("0x90F79bf6EB2c4f870365E785982E1f101E93b906");

    private RpcServer Server => fixture.Server;

    [Fact]
    public async Task The_query_reaches_the_index_as_written_and_the_page_comes_back_with_its_cursor()
    {
        var record = new AccountRecord
        {
            Account = Alice,
            Token = TestChain.Token,
            Kind = RecordKind.Held,
            Direction = RecordDirection.Out,
            Amount = new UInt256(150_000),
            Counterparty = Carol,
            Via = TestChain.Token,
            Reference = new Hash32(new UInt256(1).ToBigEndian()),
            BlockNumber = 12,
            Sequence = 3,
            TransactionIndex = 1,
            LogIndex = 4,
            TimestampMs = 1_700_000_012_000,
            TransactionHash = new Hash32(new byte[32]),
        };
        fixture.Backend.History = _ => new AccountHistoryPage([record], new HistoryCursor(12, 3), 40);
        var cursor = new HistoryCursor(20, 1).Encode();

        var result = await Server.ResultAsync("ledger_getAccountHistory", new Dictionary<string, object?>
        {
            ["address"] = Alice.ToString(),
            ["token"] = "usda",
            ["counterparty"] = Carol.ToString(),
            ["kinds"] = new[] { "held", "transfer" },
            ["sinceMs"] = 1_700_000_000_000,
            ["untilMs"] = "0x18bcfe56800",
            ["pageSize"] = 20,
            ["cursor"] = cursor,
        });

        var query = fixture.Backend.LastHistoryQuery!;
        Assert.Equal((Alice, TestChain.Token, Carol), (query.Account, query.Token!.Value, query.Counterparty!.Value));
        Assert.Equal(new HashSet<RecordKind> { RecordKind.Held, RecordKind.Transfer }, query.Kinds);
        Assert.Equal((1_700_000_000_000UL, 0x18bcfe56800UL, 20, new HistoryCursor(20, 1)), (query.SinceMs, query.UntilMs, query.PageSize, query.Cursor!.Value));
        var entry = Assert.Single(result.GetProperty("entries").EnumerateArray());
        Assert.Equal(
            ["account", "token", "kind", "direction", "amount", "change", "counterparty", "via", "reference", "fee", "blockNumber", "sequence", "transactionIndex", "logIndex", "timestampMs", "transactionHash"],
            entry.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("held", "out", "150000", "-150000", "0xc"), (Str(entry, "kind"), Str(entry, "direction"), Str(entry, "amount"), Str(entry, "change"), Str(entry, "blockNumber")));
        Assert.Equal(Carol.ToString(), Str(entry, "counterparty"));
        Assert.Equal(new HistoryCursor(12, 3).Encode(), Str(result, "nextCursor"));
        Assert.Equal("0x28", Str(result, "asOfBlock"));
    }

    [Fact]
    public async Task Page_numbers_and_their_anchor_are_passed_on_and_the_last_page_has_no_cursor()
    {
        fixture.Backend.History = q => new AccountHistoryPage([], null, q.AsOfBlock ?? 0);

        var result = await Server.ResultAsync("ledger_getAccountHistory", new Dictionary<string, object?> { ["address"] = Alice.ToString(), ["page"] = 3, ["asOfBlock"] = "0x10" });

        Assert.Equal((3, 16UL), (fixture.Backend.LastHistoryQuery!.Page, fixture.Backend.LastHistoryQuery.AsOfBlock!.Value));
        Assert.Equal(JsonValueKind.Null, result.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData("""{"token":"USDA"}""", "field \"address\": missing")]
    [InlineData("""{"address":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","tokn":"USDA"}""", "field \"tokn\": unknown field")]
    [InlineData("""{"address":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","token":"XYZ"}""", "unknown token 'XYZ' (tokens: USDA)")]
    [InlineData("""{"address":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","kinds":["payment"]}""", "unknown kind \"payment\"")]
    [InlineData("""{"address":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","cursor":"abc"}""", "not a cursor this node returned")]
    [InlineData("""{"address":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","pageSize":501}""", "501 is out of range (1 to 500)")]
    [InlineData("""{"address":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","page":0}""", "0 is not a page number")]
    [InlineData("""{"address":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","sinceMs":-1}""", "expected a whole number")]
    [InlineData("""["0x70997970C51812dc3A010C7d01b50e0d17dc79C8"]""", "expected a query object")]
    public async Task Malformed_queries_are_invalid_params_with_the_reason(string query, string reason)
    {
        fixture.Backend.History = _ => throw new InvalidOperationException("must not be reached");

        await Server.AssertErrorAsync(-32602, reason, "ledger_getAccountHistory", JsonDocument.Parse(query).RootElement);
    }

    [Fact]
    public async Task What_the_index_refuses_is_invalid_params_and_a_node_without_an_index_says_so()
    {
        fixture.Backend.History = _ => throw new ArgumentException("give a page number or a cursor, not both");
        await Server.AssertErrorAsync(-32602, "invalid argument 0: give a page number or a cursor, not both", "ledger_getAccountHistory", new Dictionary<string, object?> { ["address"] = Alice.ToString() });

        fixture.Backend.History = null;
        await Server.AssertErrorAsync(-32000, "this node keeps no account index", "ledger_getAccountHistory", new Dictionary<string, object?> { ["address"] = Alice.ToString() });
    }

    private static string? Str(JsonElement element, string name) => element.GetProperty(name).GetString();
}
