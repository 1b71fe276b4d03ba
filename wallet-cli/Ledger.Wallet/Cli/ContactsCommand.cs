using System.CommandLine;
using System.Text.Json.Nodes;
using Ledger.Wallet.Contacts;

namespace Ledger.Wallet.Cli;

/// <summary><c>contacts add | list | remove</c>: local names for addresses, usable as <c>send --to NAME</c>.</summary>
internal static class ContactsCommand
{
    public static Command Create(CommandContext context)
    {
        var contacts = new Command("contacts", "Local contacts: pay a friend by name with `send --to NAME`.");
        var name = new Option<string>("--name") { Description = "The contact's name.", Required = true };
        var address = new Option<string>("--address") { Description = "The contact's 0x address.", Required = true };
        var add = new Command("add", "Add a contact.\n\nExample:\n  ledger-wallet contacts add --name bob --address 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC") { name, address };
        add.SetAction((parse, _) => WalletCli.Run(context, parse, session =>
        {
            var parsed = Lookup.ParseAddress(parse.GetRequiredValue(address), "--address");
            new ContactBook(session.Store.Directory).Add(parse.GetRequiredValue(name), parsed);
            session.Out.WriteLine(session.Json
                ? new JsonObject { ["name"] = parse.GetRequiredValue(name), ["address"] = parsed.ToChecksumString() }.ToJsonString()
                : $"Added contact '{parse.GetRequiredValue(name)}': {parsed.ToChecksumString()}");
            return Task.FromResult(ExitCodes.Success);
        }));

        var removeName = new Option<string>("--name") { Description = "The contact's name.", Required = true };
        var remove = new Command("remove", "Remove a contact.\n\nExample:\n  ledger-wallet contacts remove --name bob") { removeName };
        remove.SetAction((parse, _) => WalletCli.Run(context, parse, session =>
        {
            new ContactBook(session.Store.Directory).Remove(parse.GetRequiredValue(removeName));
            if (!session.Json)
            {
                session.Out.WriteLine($"Removed contact '{parse.GetRequiredValue(removeName)}'");
            }

            return Task.FromResult(ExitCodes.Success);
        }));

        var list = new Command("list", "List contacts.\n\nExample:\n  ledger-wallet contacts list --json");
        list.SetAction((parse, _) => WalletCli.Run(context, parse, session =>
        {
            var book = new ContactBook(session.Store.Directory).Load();
            if (session.Json)
            {
                var array = new JsonArray();
                foreach (var (contact, contactAddress) in book)
                {
                    array.Add(new JsonObject { ["name"] = contact, ["address"] = contactAddress.ToChecksumString() });
                }

                session.WriteJson(new JsonObject { ["contacts"] = array });
            }
            else if (book.Count == 0)
            {
                session.Out.WriteLine("No contacts. Add one with `ledger-wallet contacts add --name NAME --address 0x…`.");
            }
            else
            {
                foreach (var (contact, contactAddress) in book)
                {
                    session.Out.WriteLine($"{contact,-20} {contactAddress.ToChecksumString()}");
                }
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        contacts.Subcommands.Add(add);
        contacts.Subcommands.Add(list);
        contacts.Subcommands.Add(remove);
        return contacts;
    }
}
