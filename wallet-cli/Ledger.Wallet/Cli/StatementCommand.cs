using System.CommandLine;
using Ledger.Api.V1;
using Ledger.Core.Primitives;
using Ledger.Core.Records;
using Ledger.Node.Api;
using Ledger.Wallet.Statements;

namespace Ledger.Wallet.Cli;

/// <summary>
/// <c>statement [--month yyyy-MM]</c>: a month (the current one by default) per currency and token — received, spent
/// net of money that came back, spending by counterparty and by kind, with bars that compare like with like — from the
/// node's account index; <c>--json</c> and <c>--csv</c> carry the same numbers.
/// </summary>
internal static class StatementCommand
{
    /// <summary>Pages of 500 read for one month; a statement of more entries than this says so rather than lie.</summary>
    private const int MaxPages = 40;

    public static Command Create(CommandContext context)
    {
        var account = Lookup.AccountOption(required: false);
        var address = new Option<string>("--address") { Description = "Any address instead of a wallet account." };
        var month = new Option<string>("--month") { Description = "The month, yyyy-MM (UTC), e.g. 2026-11; default the current month." };
        var csv = new Option<bool>("--csv") { Description = "CSV with the same numbers (one row per token total, counterparty and kind)." };
        var command = new Command(
            "statement",
            "A month's money per currency: received, spent (net of money that came back), by counterparty and by kind, with bars.\n\nExamples:\n"
            + "  ledger-wallet statement --account alice\n"
            + "  ledger-wallet statement --account alice --month 2026-11 --json\n"
            + "  ledger-wallet statement --account alice --month 2026-11 --csv > alice-2026-11.csv")
        {
            account, address, month, csv,
        };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var first = MonthlyStatement.MonthOf(DateTimeOffset.UtcNow);
            if (parse.GetValue(month) is { } monthText && !MonthlyStatement.TryParseMonth(monthText, out first))
            {
                throw WalletException.Usage($"--month '{monthText}' is not a month (yyyy-MM, e.g. 2026-11)");
            }

            var (label, owner) = Lookup.AccountOrAddress(session, parse.GetValue(account), parse.GetValue(address));
            var records = await MonthAsync(session, label, owner, first, ct).ConfigureAwait(false);
            var tokens = await session.Client.GetTokensAsync(ct).ConfigureAwait(false);
            var statement = MonthlyStatement.Build(first, records, tokens);
            var names = await Names.LoadAsync(session, node: true, ct).ConfigureAwait(false);
            await names.AddAliasesAsync(session, records.Select(r => r.Counterparty), ct).ConfigureAwait(false);
            if (session.Json)
            {
                session.WriteJson(StatementWriter.Json(label, owner, statement, names.NameOf));
            }
            else if (parse.GetValue(csv))
            {
                StatementWriter.Csv(session.Out, statement, names.NameOf);
            }
            else
            {
                StatementWriter.Text(session.Out, label, statement, a => a.IsZero ? "the bank (redemption)" : names.Label(a));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Every record of the month, page by page (cursor paging: nothing repeats or goes missing while blocks arrive).</summary>
    private static async Task<List<AccountRecord>> MonthAsync(WalletSession session, string label, Address owner, DateOnly month, CancellationToken ct)
    {
        var (since, until) = MonthlyStatement.Window(month);
        var records = new List<AccountRecord>();
        var cursor = string.Empty;
        for (var pages = 0; ; pages++)
        {
            if (pages == MaxPages)
            {
                throw new WalletException($"{label} has more than {MaxPages * AccountHistoryQuery.MaxPageSize} history entries in {month:yyyy-MM}; use `history --csv` for that month instead");
            }

            var request = new GetHistoryRequest { Address = owner.ToString(), SinceMs = since, UntilMs = until, PageSize = AccountHistoryQuery.MaxPageSize, PageToken = cursor };
            var response = await session.Client.GetHistoryAsync(request, ct).ConfigureAwait(false);
            records.AddRange(response.Entries.Select(e => HistoryEntryMapper.ToRecord(e, owner)));
            cursor = response.NextPageToken;
            if (cursor.Length == 0)
            {
                return records;
            }
        }
    }
}
