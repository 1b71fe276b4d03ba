using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Ledger.Api.V1;
using Ledger.Core.Primitives;
using Ledger.Wallet.Amounts;
using Ledger.Wallet.Client;
using Ledger.Wallet.Statements;

namespace Ledger.Wallet.Cli;

/// <summary><c>statement --month yyyy-MM</c>: a month's spend by counterparty and by currency, with bars.</summary>
internal static class StatementCommand
{
    /// <summary>Pages of history read for one month; a statement of more transfers than this says so rather than lie.</summary>
    private const int MaxPages = 40;

    public static Command Create(CommandContext context)
    {
        var account = Lookup.AccountOption(required: false);
        var address = new Option<string>("--address") { Description = "Any address instead of a wallet account." };
        var month = new Option<string>("--month") { Description = "The month, yyyy-MM (UTC), e.g. 2026-11.", Required = true };
        var command = new Command(
            "statement",
            "A month's spend by counterparty (merchants, contacts) and by currency, with a bar chart.\n\nExamples:\n  ledger-wallet statement --account alice --month 2026-11\n  ledger-wallet statement --account alice --month 2026-11 --json")
        {
            account, address, month,
        };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var monthText = parse.GetRequiredValue(month);
            if (!MonthlyStatement.TryParseMonth(monthText, out var first))
            {
                throw WalletException.Usage($"--month '{monthText}' is not a month (yyyy-MM, e.g. 2026-11)");
            }

            var (label, owner) = Lookup.AccountOrAddress(session, parse.GetValue(account), parse.GetValue(address));
            var (since, until) = MonthlyStatement.Window(first);
            var entries = new List<HistoryEntry>();
            var page = string.Empty;
            for (var pages = 0; ; pages++)
            {
                if (pages == MaxPages)
                {
                    throw new WalletException($"{label} has more than {MaxPages * 500} transfers in {monthText}; use `history --csv` for that month instead");
                }

                var response = await session.Client.GetHistoryAsync(owner, new HistoryFilter(string.Empty, null, since, until) { Origins = false }, 500, page, ct).ConfigureAwait(false);
                entries.AddRange(response.Entries);
                page = response.NextPageToken;
                if (page.Length == 0)
                {
                    break;
                }
            }

            var names = await NamesAsync(session, ct).ConfigureAwait(false);
            var statement = MonthlyStatement.Build(first, entries, a => Address.TryParse(a, out var parsed) && names.TryGetValue(parsed, out var name) ? name : a);
            if (session.Json)
            {
                session.WriteJson(new JsonObject
                {
                    ["account"] = label,
                    ["address"] = owner.ToChecksumString(),
                    ["month"] = monthText,
                    ["transfers"] = statement.Transfers,
                    ["byCounterparty"] = new JsonArray([.. statement.ByCounterparty.Select(l => Json(l, "counterparty"))]),
                    ["byCurrency"] = new JsonArray([.. statement.ByCurrency.Select(l => Json(l, "currency"))]),
                });
            }
            else
            {
                Print(session, label, monthText, statement);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Readable names for addresses: contacts, then this wallet's accounts, then the node's modules and tokens (held transfers).</summary>
    private static async Task<Dictionary<Address, string>> NamesAsync(WalletSession session, CancellationToken ct)
    {
        var names = new Dictionary<Address, string>();
        foreach (var module in await session.Client.GetModulesAsync(ct).ConfigureAwait(false))
        {
            names[Address.Parse(module.Address)] = $"{module.Name} module";
        }

        foreach (var token in await session.Client.GetTokensAsync(ct).ConfigureAwait(false))
        {
            names[Address.Parse(token.Address)] = $"held for guardian ({token.Symbol})";
        }

        foreach (var account in session.Store.List())
        {
            names[account.Address] = account.Name;
        }

        foreach (var (name, address) in new Contacts.ContactBook(session.Store.Directory).Load())
        {
            names[address] = name;
        }

        return names;
    }

    private static void Print(WalletSession session, string label, string month, MonthlyStatement statement)
    {
        session.Out.WriteLine($"Statement of {label} for {month} (UTC): {statement.Transfers} transfers");
        if (statement.Transfers == 0)
        {
            return;
        }

        session.Out.WriteLine();
        session.Out.WriteLine("Spent by counterparty");
        var spent = statement.ByCounterparty.Where(l => l.Spent > 0).ToList();
        var width = Math.Max(12, spent.Select(l => l.Label.Length).DefaultIfEmpty(0).Max());
        foreach (var line in spent)
        {
            var max = spent.Where(l => l.Currency == line.Currency).Max(l => l.Spent);
            session.Out.WriteLine($"  {line.Label.PadRight(width)}  {Amount(line.Spent, line.Decimals),14} {line.Token,-5} {BarChart.Bar(line.Spent, max)}");
        }

        if (spent.Count == 0)
        {
            session.Out.WriteLine("  (nothing spent)");
        }

        session.Out.WriteLine();
        session.Out.WriteLine("By currency");
        foreach (var line in statement.ByCurrency)
        {
            session.Out.WriteLine($"  {line.Currency,-4} spent {Amount(line.Spent, line.Decimals),14} in {line.Payments,3} payments, received {Amount(line.Received, line.Decimals),14}");
        }
    }

    private static JsonObject Json(StatementLine line, string labelName) => new()
    {
        [labelName] = line.Label,
        ["token"] = line.Token,
        ["currency"] = line.Currency,
        ["spent"] = Amount(line.Spent, line.Decimals),
        ["received"] = Amount(line.Received, line.Decimals),
        ["payments"] = line.Payments,
    };

    private static string Amount(BigInteger value, int decimals) => TokenAmount.Format(value.ToString(CultureInfo.InvariantCulture), decimals);
}
