using System.CommandLine;
using System.Text.Json.Nodes;

namespace Ledger.Wallet.Cli;

/// <summary><c>tokens</c>: the deposit tokens the node knows.</summary>
internal static class TokensCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("tokens", "List the node's deposit tokens (symbol, currency, decimals, issuer).\n\nExample:\n  ledger-wallet tokens --json");
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var tokens = await session.Client.GetTokensAsync(ct).ConfigureAwait(false);
            if (session.Json)
            {
                var array = new JsonArray();
                foreach (var token in tokens)
                {
                    array.Add(new JsonObject
                    {
                        ["symbol"] = token.Symbol,
                        ["name"] = token.Name,
                        ["currency"] = token.Currency,
                        ["decimals"] = token.Decimals,
                        ["address"] = token.Address,
                        ["issuer"] = token.Issuer,
                    });
                }

                session.WriteJson(new JsonObject { ["tokens"] = array });
                return ExitCodes.Success;
            }

            session.Out.WriteLine($"{"TOKEN",-6}  {"CURRENCY",-8}  DECIMALS  {"ADDRESS",-42}  ISSUER");
            foreach (var token in tokens)
            {
                session.Out.WriteLine($"{token.Symbol,-6}  {token.Currency,-8}  {token.Decimals,8}  {token.Address,-42}  {token.Issuer}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
