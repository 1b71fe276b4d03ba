using System.Text.Json;
using Ledger.Core.Primitives;
using Ledger.Core.Records;

namespace Ledger.JsonRpc.Parameters;

/// <summary>
/// Reads ledger_getAccountHistory's query object: {address, token?, counterparty?, kinds?, sinceMs?, untilMs?,
/// pageSize?, cursor?, page?, asOfBlock?}. Numbers may be JSON numbers or hex quantities; token is an address or a
/// symbol; kinds are the record kinds' wire names.
/// </summary>
public static class HistoryQueryParser
{
    public static AccountHistoryQuery Parse(JsonElement element, ArgPath at, IReadOnlyList<TokenInfo> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw at.Error($"expected a query object such as {{\"address\": \"0x…\"}}, got {JsonParse.Describe(element)}");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!Known.Contains(property.Name))
            {
                throw at.WithField(property.Name).Error($"unknown field; a history query has {string.Join(", ", Known)}");
            }
        }

        if (!Has(element, "address", out var address))
        {
            throw at.WithField("address").Error("missing: the account whose history to read");
        }

        var cursor = Has(element, "cursor", out var c) ? Cursor(c, at.WithField("cursor")) : (HistoryCursor?)null;
        return new AccountHistoryQuery
        {
            Account = JsonParse.Address(address, at.WithField("address")),
            Token = Has(element, "token", out var token) ? Token(token, at.WithField("token"), tokens) : null,
            Counterparty = Has(element, "counterparty", out var counterparty) ? JsonParse.Address(counterparty, at.WithField("counterparty")) : null,
            Kinds = Has(element, "kinds", out var kinds) ? Kinds(kinds, at.WithField("kinds")) : null,
            SinceMs = Has(element, "sinceMs", out var since) ? Number(since, at.WithField("sinceMs")) : 0,
            UntilMs = Has(element, "untilMs", out var until) ? Number(until, at.WithField("untilMs")) : 0,
            PageSize = Has(element, "pageSize", out var size) ? PageSize(size, at.WithField("pageSize")) : AccountHistoryQuery.DefaultPageSize,
            Cursor = cursor,
            Page = Has(element, "page", out var page) ? PageNumber(page, at.WithField("page")) : 0,
            AsOfBlock = Has(element, "asOfBlock", out var asOf) ? Number(asOf, at.WithField("asOfBlock")) : null,
        };
    }

    private static readonly string[] Known = ["address", "token", "counterparty", "kinds", "sinceMs", "untilMs", "pageSize", "cursor", "page", "asOfBlock"];

    private static bool Has(JsonElement element, string name, out JsonElement value) =>
        element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>A JSON number or a hex quantity.</summary>
    private static ulong Number(JsonElement element, ArgPath at) => element.ValueKind == JsonValueKind.Number
        ? element.TryGetUInt64(out var value) ? value : throw at.Error($"expected a whole number ≥ 0, got {element.GetRawText()}")
        : JsonParse.Quantity(element, at);

    private static int PageSize(JsonElement element, ArgPath at)
    {
        var size = Number(element, at);
        return size is >= 1 and <= AccountHistoryQuery.MaxPageSize ? (int)size : throw at.Error($"{size} is out of range (1 to {AccountHistoryQuery.MaxPageSize})");
    }

    private static int PageNumber(JsonElement element, ArgPath at)
    {
        var page = Number(element, at);
        return page is >= 1 and <= int.MaxValue ? (int)page : throw at.Error($"{page} is not a page number (1, 2, …)");
    }

    private static HistoryCursor Cursor(JsonElement element, ArgPath at) =>
        element.ValueKind == JsonValueKind.String && HistoryCursor.TryDecode(element.GetString(), out var cursor)
            ? cursor
            : throw at.Error("not a cursor this node returned (pass nextCursor of the previous page unchanged)");

    private static Address Token(JsonElement element, ArgPath at, IReadOnlyList<TokenInfo> tokens)
    {
        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : throw at.Error($"expected a token symbol or address, got {JsonParse.Describe(element)}");
        foreach (var token in tokens)
        {
            if (string.Equals(token.Symbol, text, StringComparison.OrdinalIgnoreCase) || (Address.TryParse(text, out var address) && address == token.Address))
            {
                return token.Address;
            }
        }

        throw at.Error($"unknown token '{text}' (tokens: {string.Join(", ", tokens.Select(t => t.Symbol))})");
    }

    private static HashSet<RecordKind> Kinds(JsonElement element, ArgPath at)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw at.Error($"expected an array of kinds such as [\"transfer\", \"invoice-payment\"], got {JsonParse.Describe(element)}");
        }

        var kinds = new HashSet<RecordKind>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !RecordKinds.TryParse(item.GetString(), out var kind))
            {
                throw at.Error($"unknown kind {item.GetRawText()} (kinds: {string.Join(", ", RecordKinds.All.Select(k => k.WireName()))})");
            }

            kinds.Add(kind);
        }

        return kinds;
    }
}
