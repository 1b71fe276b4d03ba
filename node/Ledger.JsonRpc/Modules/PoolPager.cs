using System.Globalization;
using System.Text.Json;
using Ledger.Core.Primitives;
using Ledger.JsonRpc.Parameters;

namespace Ledger.JsonRpc.Modules;

/// <summary>
/// Bounded reads of the pool. Without arguments a method answers the whole pool in geth's shape, but only up to
/// <see cref="JsonRpcOptions.MaxTxPoolResults"/> transactions: a larger pool is -32005 saying how to page.
/// With <c>{"limit": N, "cursor": "0x…"}</c> it answers one page in (sender, nonce) order and the cursor of the
/// next. The cursor is the last (sender, nonce) listed, so pages never repeat or skip a transaction that stays.
/// </summary>
internal sealed class PoolPager(ILedgerBackend backend, JsonRpcOptions options)
{
    private const int CursorHexLength = 2 + (2 * Address.Length) + 16;

    public PoolPage Read(RpcParams p, string method)
    {
        p.Expect(0, 1);
        var max = options.MaxTxPoolResults;
        if (!p.IsPresent(0))
        {
            var all = backend.PendingTransactions(null, max + 1);
            if (all.Count > max)
            {
                throw new JsonRpcException(
                    JsonRpcErrorCode.LimitExceeded,
                    $"the pool holds more than {max} transactions, more than {method} returns at once; page through it: {method}({{\"limit\": {max}}}), then pass each page's \"cursor\" until it is null");
            }

            return new PoolPage(all, false, null);
        }

        var (limit, after) = ParsePage(p[0], new ArgPath(0), max);
        var page = backend.PendingTransactions(after, limit + 1);
        if (page.Count <= limit)
        {
            return new PoolPage(page, true, null);
        }

        var listed = page.Take(limit).ToArray();
        return new PoolPage(listed, true, Format(PoolPosition.Of(listed[^1])));
    }

    private static (int Limit, PoolPosition? After) ParsePage(JsonElement element, ArgPath at, int max)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw at.Error($"expected a page object {{\"limit\": N, \"cursor\": \"…\"}}, got {JsonParse.Describe(element)}");
        }

        var limit = max;
        PoolPosition? after = null;
        foreach (var field in element.EnumerateObject())
        {
            var fieldAt = at.WithField(field.Name);
            switch (field.Name)
            {
                case "limit":
                    limit = Limit(field.Value, fieldAt, max);
                    break;
                case "cursor":
                    after = field.Value.ValueKind == JsonValueKind.Null ? null : Parse(field.Value, fieldAt);
                    break;
                default:
                    throw fieldAt.Error("unknown field; a page takes \"limit\" and \"cursor\"");
            }
        }

        return (limit, after);
    }

    /// <summary>A JSON number or a hex quantity, 1 to <paramref name="max"/>.</summary>
    private static int Limit(JsonElement value, ArgPath at, int max)
    {
        ulong limit;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (!value.TryGetUInt64(out limit))
            {
                throw at.Error($"expected a whole number from 1 to {max}, got {value.GetRawText()}");
            }
        }
        else
        {
            limit = JsonParse.Quantity(value, at);
        }

        if (limit is 0 || limit > (ulong)max)
        {
            throw at.Error($"a page holds 1 to {max} transactions, got {limit}");
        }

        return (int)limit;
    }

    /// <summary>"0x" + the sender (40 hex digits) + the nonce (16 hex digits).</summary>
    private static string Format(PoolPosition position) =>
        "0x" + Convert.ToHexStringLower(position.Sender.ToArray()) + position.Nonce.ToString("x16", CultureInfo.InvariantCulture);

    private static PoolPosition Parse(JsonElement value, ArgPath at)
    {
        const string Expected = "expected the \"cursor\" of a previous page (or null for the first page)";
        if (value.ValueKind != JsonValueKind.String)
        {
            throw at.Error($"{Expected}, got {JsonParse.Describe(value)}");
        }

        var text = value.GetString()!;
        if (text.Length != CursorHexLength || !text.StartsWith("0x", StringComparison.Ordinal)
            || !Address.TryParse(text[..(2 + (2 * Address.Length))], out var sender)
            || !ulong.TryParse(text.AsSpan(2 + (2 * Address.Length)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var nonce))
        {
            throw at.Error(Expected);
        }

        return new PoolPosition(sender, nonce);
    }
}
