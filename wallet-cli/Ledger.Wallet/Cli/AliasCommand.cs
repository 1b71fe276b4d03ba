using System.CommandLine;
using System.Text.Json.Nodes;
using Ledger.Core.Encoding;

namespace Ledger.Wallet.Cli;

/// <summary>
/// <c>alias claim | release | show</c>: on-chain names such as <c>anna@bank-a</c> in the Directory module. Friends
/// pay an alias with <c>send --to anna@bank-a</c>; the wallet resolves it on chain at that moment. Contacts stay
/// local to this wallet.
/// </summary>
internal static class AliasCommand
{
    public static Command Create(CommandContext context)
    {
        var alias = new Command("alias", "On-chain aliases (name@bank-id) that friends can pay instead of an address.");
        alias.Subcommands.Add(CreateClaim(context));
        alias.Subcommands.Add(CreateRelease(context));
        alias.Subcommands.Add(CreateShow(context));
        return alias;
    }

    private static Command CreateClaim(CommandContext context)
    {
        var signer = new SignerOptions("The wallet account that takes the alias.");
        var name = new Option<string>("--alias") { Description = "name@bank-id, where bank-id is the bank that registered the account, e.g. anna@bank-a.", Required = true };
        var command = new Command("claim", "Claim an alias for your account (one per account).\n\nExample:\n  ledger-wallet alias claim --account anna --alias anna@bank-a") { name };
        signer.AddTo(command);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var text = parse.GetRequiredValue(name).Trim();
            if (!text.Contains('@', StringComparison.Ordinal))
            {
                throw WalletException.Usage($"'{text}' is not an alias: write name@bank-id, e.g. anna@bank-a");
            }

            var directory = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Directory, ct).ConfigureAwait(false);
            var outcome = await Transactor.ExecuteAsync(session, signer.Read(parse), directory, new AbiWriter(1).WriteString(text).ToCallData("claimAlias(string)"), $"Claim the alias {text}", ct).ConfigureAwait(false);
            return Transactor.Print(session, outcome, $"{text} now points to {outcome.Account.Address.ToChecksumString()}; friends can pay it with `send --to {text}`.", new JsonObject { ["alias"] = text, ["address"] = outcome.Account.Address.ToChecksumString() });
        }));
        return command;
    }

    private static Command CreateRelease(CommandContext context)
    {
        var signer = new SignerOptions("The wallet account that gives its alias up.");
        var command = new Command("release", "Give up your alias (anyone may claim it afterwards).\n\nExample:\n  ledger-wallet alias release --account anna");
        signer.AddTo(command);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var directory = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Directory, ct).ConfigureAwait(false);
            var outcome = await Transactor.ExecuteAsync(session, signer.Read(parse), directory, new AbiWriter(0).ToCallData("releaseAlias()"), "Release your alias", ct).ConfigureAwait(false);
            return Transactor.Print(session, outcome, "Alias released.");
        }));
        return command;
    }

    private static Command CreateShow(CommandContext context)
    {
        var name = new Option<string>("--alias") { Description = "Resolve this alias to its address." };
        var account = Lookup.AccountOption(required: false);
        var address = new Option<string>("--address") { Description = "Show the alias of any address." };
        var command = new Command("show", "Resolve an alias, or show the alias of an account.\n\nExamples:\n  ledger-wallet alias show --alias anna@bank-a\n  ledger-wallet alias show --account anna") { name, account, address };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var directory = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Directory, ct).ConfigureAwait(false);
            string alias;
            Core.Primitives.Address holder;
            if (parse.GetValue(name) is { } text)
            {
                alias = text;
                holder = await Lookup.RecipientAsync(session, text, ct).ConfigureAwait(false);
            }
            else
            {
                (_, holder) = Lookup.AccountOrAddress(session, parse.GetValue(account), parse.GetValue(address));
                var output = await ModuleCalls.ViewAsync(session, null, directory, new AbiWriter(1).WriteAddress(holder).ToCallData("aliasOf(address)"), ct).ConfigureAwait(false);
                alias = new AbiReader(output, "aliasOf").ReadString("alias");
            }

            if (session.Json)
            {
                session.WriteJson(new JsonObject { ["alias"] = alias.Length == 0 ? null : alias, ["address"] = holder.ToChecksumString() });
            }
            else
            {
                session.Out.WriteLine(alias.Length == 0 ? $"{holder.ToChecksumString()} has no alias." : $"{alias} → {holder.ToChecksumString()}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
