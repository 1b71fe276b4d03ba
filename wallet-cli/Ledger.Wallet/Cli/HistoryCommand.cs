using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Ledger.Api.V1;
using Ledger.Wallet.Amounts;
using Ledger.Wallet.Client;

namespace Ledger.Wallet.Cli;

/// <summary>
/// <c>history</c>: sent and received transfers, newest first, paged; table, JSON or CSV. Each line says what the
/// transfer was part of (<see cref="HistoryKinds"/>): a plain transfer, an invoice payment, an FX settlement leg, …
/// </summary>
internal static class HistoryCommand
{
    public static Command Create(CommandContext context)
    {
        var account = Lookup.AccountOption(required: false);
        var address = new Option<string>("--address") { Description = "Any address instead of a wallet account." };
        var token = new Option<string>("--token") { Description = "Only this token (symbol)." };
        var limit = new Option<int>("--limit") { Description = "At most this many entries (1-500, default 50).", DefaultValueFactory = _ => 50 };
        var page = new Option<string>("--page") { Description = "Continue from the 'next page' token a previous call printed." };
        var csv = new Option<bool>("--csv") { Description = "CSV for spreadsheets and bill management." };
        var counterparty = new Option<string>("--counterparty") { Description = "Only transfers with this address or contact." };
        var since = new Option<string>("--since") { Description = "Only from this UTC date (yyyy-MM-dd) on." };
        var until = new Option<string>("--until") { Description = "Only before this UTC date (yyyy-MM-dd)." };
        var command = new Command(
            "history",
            "Show sent and received transfers, newest first.\n\nExamples:\n  ledger-wallet history --account alice\n  ledger-wallet history --account alice --token USDA --json\n  ledger-wallet history --account alice --csv > alice.csv\n  ledger-wallet history --account alice --counterparty bob --since 2026-11-01 --until 2026-12-01")
        {
            account, address, token, limit, page, csv, counterparty, since, until,
        };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var (label, owner) = Lookup.AccountOrAddress(session, parse.GetValue(account), parse.GetValue(address));
            var size = parse.GetValue(limit);
            if (size is < 1 or > 500)
            {
                throw WalletException.Usage($"--limit {size} is out of range (1-500)");
            }

            var filter = new HistoryFilter(
                parse.GetValue(token) ?? string.Empty,
                parse.GetValue(counterparty) is { } other ? Lookup.Party(session, other, "--counterparty") : null,
                Date(parse.GetValue(since), "--since"),
                Date(parse.GetValue(until), "--until"));
            var history = await session.Client.GetHistoryAsync(owner, filter, size, parse.GetValue(page) ?? string.Empty, ct).ConfigureAwait(false);
            if (session.Json)
            {
                var entries = new JsonArray();
                foreach (var entry in history.Entries)
                {
                    entries.Add(new JsonObject
                    {
                        ["hash"] = entry.TransactionHash,
                        ["blockNumber"] = entry.BlockNumber,
                        ["time"] = Time(entry),
                        ["direction"] = Direction(entry),
                        ["token"] = entry.Token.Symbol,
                        ["currency"] = entry.Token.Currency,
                        ["amount"] = TokenAmount.Format(entry.Amount, (int)entry.Token.Decimals),
                        ["baseUnits"] = entry.Amount,
                        ["from"] = entry.From,
                        ["to"] = entry.To,
                        ["counterparty"] = Counterparty(entry),
                        ["note"] = Note(entry),
                        ["what"] = HistoryKinds.Describe(entry),
                        ["module"] = entry.Module,
                        ["function"] = entry.Function,
                        ["reference"] = entry.Reference,
                    });
                }

                session.WriteJson(new JsonObject
                {
                    ["account"] = label,
                    ["address"] = owner.ToChecksumString(),
                    ["entries"] = entries,
                    ["nextPage"] = history.NextPageToken.Length == 0 ? null : history.NextPageToken,
                });
            }
            else if (parse.GetValue(csv))
            {
                session.Out.WriteLine("time,direction,token,currency,amount,counterparty,from,to,block,transaction,what");
                foreach (var entry in history.Entries)
                {
                    session.Out.WriteLine(string.Join(',', Time(entry), Direction(entry), entry.Token.Symbol, entry.Token.Currency, TokenAmount.Format(entry.Amount, (int)entry.Token.Decimals), Counterparty(entry), entry.From, entry.To, entry.BlockNumber.ToString(CultureInfo.InvariantCulture), entry.TransactionHash, HistoryKinds.Describe(entry)));
                }
            }
            else
            {
                Table(session, label, history);
            }

            return ExitCodes.Success;
        }));
        return command;
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

    private static void Table(WalletSession session, string label, GetHistoryResponse history)
    {
        if (history.Entries.Count == 0)
        {
            session.Out.WriteLine($"No transfers for {label}.");
            return;
        }

        session.Out.WriteLine($"{"TIME (UTC)",-19}  {"",-8}  {"AMOUNT",16} {"TOKEN",-5}  {"WHAT",-20}  COUNTERPARTY                                TRANSACTION");
        foreach (var entry in history.Entries)
        {
            var amount = TokenAmount.Format(entry.Amount, (int)entry.Token.Decimals);
            var signed = entry.Direction == TransferDirection.Sent ? "-" + amount : "+" + amount;
            session.Out.WriteLine($"{Time(entry)[..19].Replace('T', ' '),-19}  {Direction(entry),-8}  {signed,16} {entry.Token.Symbol,-5}  {HistoryKinds.Describe(entry),-20}  {Counterparty(entry),-42}  {entry.TransactionHash}");
        }

        if (history.NextPageToken.Length > 0)
        {
            session.Out.WriteLine($"More: --page {history.NextPageToken}");
        }
    }

    private static string Time(HistoryEntry entry) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)entry.TimestampMs).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Direction(HistoryEntry entry) => entry.Direction switch
    {
        TransferDirection.Sent => "sent",
        TransferDirection.Received => "received",
        TransferDirection.Self => "self",
        _ => "unknown",
    };

    /// <summary>
    /// A held transfer moves to the token's own address and from there to the receiver (released) or back (returned);
    /// the note says so, because "sent to 0x2000…0001" would otherwise read like a payment to the token.
    /// </summary>
    private static string? Note(HistoryEntry entry)
    {
        var other = Counterparty(entry);
        if (!string.Equals(other, entry.Token.Address, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return entry.Direction == TransferDirection.Sent
            ? "held for guardian approval (see `pending`)"
            : "held transfer released or returned by the guardian";
    }

    private static string Counterparty(HistoryEntry entry) => entry.Direction == TransferDirection.Sent ? entry.To : entry.From;
}
