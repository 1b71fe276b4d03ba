using System.CommandLine;
using System.Text.Json.Nodes;
using Ledger.Wallet.Amounts;

namespace Ledger.Wallet.Cli;

/// <summary><c>balance</c>: every token of an account, formatted with its decimals.</summary>
internal static class BalanceCommand
{
    public static Command Create(CommandContext context)
    {
        var account = Lookup.AccountOption(required: false);
        var address = new Option<string>("--address") { Description = "Any address instead of a wallet account." };
        var command = new Command("balance", "Show every token balance of an account.\n\nExamples:\n  ledger-wallet balance --account alice\n  ledger-wallet balance --account alice --json")
        {
            account, address,
        };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var (label, owner) = Lookup.AccountOrAddress(session, parse.GetValue(account), parse.GetValue(address));
            var state = await session.Client.GetAccountAsync(owner, ct).ConfigureAwait(false);
            if (session.Json)
            {
                var balances = new JsonArray();
                foreach (var balance in state.Balances)
                {
                    var token = balance.Token;
                    balances.Add(new JsonObject
                    {
                        ["symbol"] = token.Symbol,
                        ["currency"] = token.Currency,
                        ["decimals"] = token.Decimals,
                        ["amount"] = TokenAmount.Format(balance.Balance, (int)token.Decimals),
                        ["baseUnits"] = balance.Balance,
                        ["token"] = token.Address,
                        ["issuer"] = token.Issuer,
                    });
                }

                session.WriteJson(new JsonObject
                {
                    ["account"] = label,
                    ["address"] = owner.ToChecksumString(),
                    ["blockNumber"] = state.BlockNumber,
                    ["nonce"] = state.Nonce,
                    ["balances"] = balances,
                });
                return ExitCodes.Success;
            }

            session.Out.WriteLine($"{label} {owner.ToChecksumString()} at block {state.BlockNumber}");
            var rows = state.Balances.Select(b => (b.Token.Symbol, Amount: TokenAmount.Format(b.Balance, (int)b.Token.Decimals), b.Token.Currency, b.Token.Issuer)).ToList();
            var amountWidth = Math.Max(6, rows.Count == 0 ? 0 : rows.Max(r => r.Amount.Length));
            session.Out.WriteLine($"{"TOKEN",-6}  {"AMOUNT".PadLeft(amountWidth)}  CURRENCY  ISSUER");
            foreach (var row in rows)
            {
                session.Out.WriteLine($"{row.Symbol,-6}  {row.Amount.PadLeft(amountWidth)}  {row.Currency,-8}  {row.Issuer}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
