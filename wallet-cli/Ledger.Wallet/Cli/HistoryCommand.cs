using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Ledger.Api.V1;
using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.Wallet.Amounts;
using Ledger.Wallet.Client;

namespace Ledger.Wallet.Cli;

/// <summary>
/// <c>history</c>: what happened to an account, newest first, from the node's account index — payments with their real
/// counterparty (the recipient of a held payment, the payer of an escrow), held payments and their outcome, invoices,
/// FX legs, escrows, HTLCs, mints, burns. Pages are numbered from a fixed block (<c>--page 2 --as-of N</c>) or follow
/// a cursor, so a page never repeats or skips a line while new blocks arrive. Table, JSON or CSV.
/// </summary>
internal static class HistoryCommand
{
    public const int DefaultLimit = 20;

    public static Command Create(CommandContext context)
    {
        var account = Lookup.AccountOption(required: false);
        var address = new Option<string>("--address") { Description = "Any address instead of a wallet account." };
        var token = new Option<string>("--token") { Description = "Only this token (symbol)." };
        var limit = new Option<int>("--limit") { Description = $"Entries per page (1-500, default {DefaultLimit}).", DefaultValueFactory = _ => DefaultLimit };
        var page = new Option<int?>("--page") { Description = "Page number (1 = newest). With --as-of, page 2 stays page 2 while new blocks arrive." };
        var asOf = new Option<ulong?>("--as-of") { Description = "Count pages from this block (the 'as of block' a previous page printed)." };
        var cursor = new Option<string>("--cursor") { Description = "Continue after the last line of a previous page (its 'next cursor')." };
        var csv = new Option<bool>("--csv") { Description = "CSV for spreadsheets and bill management." };
        var counterparty = new Option<string>("--counterparty") { Description = "Only entries with this party: an address, contact, account or alias." };
        var kind = new Option<string[]>("--kind") { Description = $"Only these kinds (comma-separated): {string.Join(", ", RecordKinds.All.Select(k => k.WireName()))}.", AllowMultipleArgumentsPerToken = true };
        var since = new Option<string>("--since") { Description = "Only from this UTC date (yyyy-MM-dd) on." };
        var until = new Option<string>("--until") { Description = "Only before this UTC date (yyyy-MM-dd)." };
        var command = new Command(
            "history",
            "What happened to an account, newest first: payments, held payments, invoices, FX, escrow, HTLC, mints and burns.\n\nExamples:\n"
            + "  ledger-wallet history --account alice\n"
            + "  ledger-wallet history --account alice --limit 10 --page 2 --as-of 1200\n"
            + "  ledger-wallet history --account alice --token USDA --kind held,held-released --json\n"
            + "  ledger-wallet history --account alice --csv > alice.csv\n"
            + "  ledger-wallet history --account alice --counterparty carol --since 2026-11-01 --until 2026-12-01")
        {
            account, address, token, limit, page, asOf, cursor, csv, counterparty, kind, since, until,
        };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var (label, owner) = Lookup.AccountOrAddress(session, parse.GetValue(account), parse.GetValue(address));
            var request = await RequestAsync(session, owner, parse, (token, limit, page, asOf, cursor, counterparty, kind, since, until), ct).ConfigureAwait(false);
            var history = await session.Client.GetHistoryAsync(request, ct).ConfigureAwait(false);
            var names = await Names.LoadAsync(session, node: true, ct).ConfigureAwait(false);
            await names.AddAliasesAsync(session, history.Entries.Select(e => Address.Parse(e.Counterparty)), ct).ConfigureAwait(false);
            var next = new Next(request.Page == 0 ? null : (int)request.Page, history);
            if (session.Json)
            {
                session.WriteJson(new JsonObject
                {
                    ["account"] = label,
                    ["address"] = owner.ToChecksumString(),
                    ["asOfBlock"] = history.AsOfBlock,
                    ["page"] = next.Page,
                    ["entries"] = new JsonArray([.. history.Entries.Select(e => (JsonNode)Json(e, names))]),
                    ["nextPage"] = next.HasMore ? next.Page + 1 : null,
                    ["nextCursor"] = next.HasMore ? history.NextPageToken : null,
                });
            }
            else if (parse.GetValue(csv))
            {
                session.Out.WriteLine("time,direction,kind,what,token,currency,amount,change,counterparty,counterparty_name,reference,block,transaction");
                foreach (var entry in history.Entries)
                {
                    session.Out.WriteLine(string.Join(',', Time(entry), Direction(entry), entry.Kind, Csv(HistoryKinds.Describe(entry)), entry.Token.Symbol, entry.Token.Currency,
                        Amount(entry), Change(entry), entry.Counterparty, Csv(names.NameOf(Address.Parse(entry.Counterparty)) ?? string.Empty), entry.Reference,
                        entry.BlockNumber.ToString(CultureInfo.InvariantCulture), entry.TransactionHash));
                }
            }
            else
            {
                Table(session, label, history, names, next);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task<GetHistoryRequest> RequestAsync(
        WalletSession session,
        Address owner,
        ParseResult parse,
        (Option<string> Token, Option<int> Limit, Option<int?> Page, Option<ulong?> AsOf, Option<string> Cursor, Option<string> Counterparty, Option<string[]> Kind, Option<string> Since, Option<string> Until) o,
        CancellationToken ct)
    {
        var size = parse.GetValue(o.Limit);
        if (size is < 1 or > AccountHistoryQuery.MaxPageSize)
        {
            throw WalletException.Usage($"--limit {size} is out of range (1-{AccountHistoryQuery.MaxPageSize})");
        }

        var request = new GetHistoryRequest
        {
            Address = owner.ToString(),
            Token = parse.GetValue(o.Token) ?? string.Empty,
            PageSize = (uint)size,
            SinceMs = Date(parse.GetValue(o.Since), "--since"),
            UntilMs = Date(parse.GetValue(o.Until), "--until"),
        };
        if (request.UntilMs != 0 && request.SinceMs >= request.UntilMs)
        {
            throw WalletException.Usage("--until must be a later day than --since (--until excludes its own day)");
        }

        if (parse.GetValue(o.Counterparty) is { } other)
        {
            request.Counterparty = (await Lookup.RecipientAsync(session, other, ct).ConfigureAwait(false)).ToString();
        }

        foreach (var name in (parse.GetValue(o.Kind) ?? []).SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            request.Kinds.Add(RecordKinds.TryParse(name, out var kind)
                ? kind.WireName()
                : throw WalletException.Usage($"--kind '{name}' is not a kind; kinds: {string.Join(", ", RecordKinds.All.Select(k => k.WireName()))}"));
        }

        var cursor = parse.GetValue(o.Cursor);
        var page = parse.GetValue(o.Page);
        var asOf = parse.GetValue(o.AsOf);
        if (cursor is not null)
        {
            if (page is not null || asOf is not null)
            {
                throw WalletException.Usage("--cursor continues where a page ended; give it without --page and --as-of");
            }

            request.PageToken = HistoryCursor.TryDecode(cursor, out _)
                ? cursor
                : throw WalletException.Usage($"--cursor '{cursor}' is not a cursor this wallet printed (copy the 'next cursor' of a previous page)");
            return request;
        }

        if (page is < 1)
        {
            throw WalletException.Usage($"--page {page} is not a page number (1 is the newest page)");
        }

        request.Page = (uint)(page ?? 1);
        if (asOf is { } block)
        {
            request.AsOfBlock = block;
        }

        return request;
    }

    /// <summary>A UTC date as Unix milliseconds at its midnight; 0 when not given.</summary>
    internal static ulong Date(string? text, string option)
    {
        if (text is null)
        {
            return 0;
        }

        return DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? (ulong)new DateTimeOffset(date, TimeSpan.Zero).ToUnixTimeMilliseconds()
            : throw WalletException.Usage($"{option} '{text}' is not a date (yyyy-MM-dd, UTC)");
    }

    private static void Table(WalletSession session, string label, GetHistoryResponse history, Names names, Next next)
    {
        var where = next.Page is { } number ? $"page {number}, as of block {history.AsOfBlock}" : $"as of block {history.AsOfBlock}";
        if (history.Entries.Count == 0)
        {
            session.Out.WriteLine($"No history for {label} ({where}).");
            return;
        }

        session.Out.WriteLine($"History of {label}, newest first ({where}):");
        session.Out.WriteLine($"{"TIME (UTC)",-19}  {"AMOUNT",16} {"TOKEN",-5}  {"WHAT",-40}  {"COUNTERPARTY",-42}  TRANSACTION");
        foreach (var entry in history.Entries)
        {
            var party = names.Label(Address.Parse(entry.Counterparty));
            session.Out.WriteLine($"{Time(entry)[..19].Replace('T', ' '),-19}  {Shown(entry),16} {entry.Token.Symbol,-5}  {HistoryKinds.Describe(entry),-40}  {party,-42}  {entry.TransactionHash}");
        }

        if (next.HasMore)
        {
            session.Out.WriteLine(next.Page is { } current
                ? $"More: --page {current + 1} --as-of {history.AsOfBlock}   (or --cursor {history.NextPageToken})"
                : $"More: --cursor {history.NextPageToken}");
        }
    }

    private static JsonObject Json(HistoryEntry entry, Names names) => new()
    {
        ["hash"] = entry.TransactionHash,
        ["blockNumber"] = entry.BlockNumber,
        ["time"] = Time(entry),
        ["kind"] = entry.Kind,
        ["what"] = HistoryKinds.Describe(entry),
        ["direction"] = Direction(entry),
        ["token"] = entry.Token.Symbol,
        ["currency"] = entry.Token.Currency,
        ["amount"] = Amount(entry),
        ["change"] = Change(entry),
        ["baseUnits"] = entry.Amount,
        ["counterparty"] = entry.Counterparty,
        ["counterpartyName"] = names.NameOf(Address.Parse(entry.Counterparty)),
        ["via"] = entry.Via.Length == 0 ? null : entry.Via,
        ["reference"] = entry.Reference.Length == 0 ? null : entry.Reference,
        ["fee"] = entry.Fee is "0" or "" ? null : TokenAmount.Format(entry.Fee, (int)entry.Token.Decimals),
        ["from"] = entry.From,
        ["to"] = entry.To,
        ["module"] = entry.Module,
        ["note"] = entry is { Kind: "held", Direction: TransferDirection.Sent } ? "held for guardian approval (see `pending`)" : null,
    };

    private static string Time(HistoryEntry entry) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)entry.TimestampMs).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Direction(HistoryEntry entry) => entry.Direction switch
    {
        TransferDirection.Sent => "sent",
        TransferDirection.Received => "received",
        TransferDirection.Self => "self",
        _ => "none",
    };

    private static string Amount(HistoryEntry entry) => TokenAmount.Format(entry.Amount, (int)entry.Token.Decimals);

    /// <summary>The signed balance change: "-1500.00", "+12.50", "0.00" for an entry that moved no money.</summary>
    private static string Change(HistoryEntry entry) => entry.Direction switch
    {
        TransferDirection.Sent => "-" + Amount(entry),
        TransferDirection.Received => "+" + Amount(entry),
        _ => TokenAmount.Format("0", (int)entry.Token.Decimals),
    };

    /// <summary>The table's amount: signed when the balance changed, in parentheses when the entry only says what happened.</summary>
    private static string Shown(HistoryEntry entry) => entry.Direction is TransferDirection.Sent or TransferDirection.Received ? Change(entry) : $"({Amount(entry)})";

    private static string Csv(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal) ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;

    /// <summary>Where the next page is: a page number when paging by number, and whether there is one.</summary>
    private sealed record Next(int? Page, GetHistoryResponse History)
    {
        public bool HasMore => History.NextPageToken.Length > 0;
    }
}
