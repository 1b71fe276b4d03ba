using System.CommandLine;
using System.Text.Json.Nodes;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Wallet.Cli.Bank;

/// <summary>Identities in the IdentityRegistry: register, update, revoke, show, recover to a new key.</summary>
internal static partial class BankCommand
{
    private static Command CreateRegister(CommandContext context) => CreateIdentityChange(
        context,
        "register",
        "Register (KYC) a customer for the signer's bank, or renew it.\n\nExample:\n  ledger-wallet bank register --account bank-a --customer 0x… --jurisdiction US --kyc 2 --expires 2030-12-31",
        update: false);

    private static Command CreateUpdate(CommandContext context) => CreateIdentityChange(
        context,
        "update",
        "Change a registered customer's jurisdiction, KYC level, expiry or LEI.\n\nExample:\n  ledger-wallet bank update --account bank-a --customer 0x… --jurisdiction US --kyc 3 --expires 2031-06-30",
        update: true);

    private static Command CreateIdentityChange(CommandContext context, string name, string help, bool update)
    {
        var customer = Required("--customer", "The customer's address, contact or wallet account.");
        var jurisdiction = Required("--jurisdiction", "ISO 3166 country code, e.g. US, DE.");
        var kyc = new Option<int>("--kyc") { Description = "KYC level: 1 basic, 2 standard, 3 enhanced.", Required = true };
        var expires = Required("--expires", "Expiry date yyyy-MM-dd (UTC); after it the account can neither send nor receive.");
        var lei = new Option<string>("--lei") { Description = "A company's LEI (20 characters); omit for a person." };
        return Operation(context, name, help, [customer, jurisdiction, kyc, expires, lei], async (parse, session, ct) =>
        {
            var account = Lookup.Party(session, parse.GetRequiredValue(customer), "--customer");
            var country = BankArguments.Jurisdiction(parse.GetRequiredValue(jurisdiction));
            var level = BankArguments.KycLevel(parse.GetValue(kyc));
            var expiry = BankArguments.Expiry(parse.GetRequiredValue(expires));
            var leiText = parse.GetValue(lei) ?? string.Empty;
            var registry = await ModuleCalls.AddressOfAsync(session, ModuleCalls.IdentityRegistry, ct).ConfigureAwait(false);
            var writer = new AbiWriter(5).WriteAddress(account).WriteString(country).WriteUInt8(level).WriteUInt64(expiry).WriteString(leiText);
            var data = writer.ToCallData(update
                ? "updateIdentity(address,string,uint8,uint64,string)"
                : "registerIdentity(address,string,uint8,uint64,string)");
            var what = $"{account.ToChecksumString()}: {country}, KYC level {level}, valid until {BankArguments.FormatTime(expiry)}{(leiText.Length > 0 ? $", LEI {leiText}" : string.Empty)}";
            return new BankOperation(
                registry,
                data,
                $"{(update ? "Update the identity of" : "Register")} {what}",
                $"{(update ? "Updated" : "Registered")} {what}.",
                new JsonObject { ["customer"] = account.ToChecksumString(), ["jurisdiction"] = country, ["kycLevel"] = level, ["expiresAt"] = expiry });
        });
    }

    private static Command CreateRevoke(CommandContext context)
    {
        var customer = Required("--customer", "The customer's address, contact or wallet account.");
        return Operation(context, "revoke", "Revoke a customer's identity: it can no longer send or receive (the record stays readable).\n\nExample:\n  ledger-wallet bank revoke --account bank-a --customer 0x…", [customer], async (parse, session, ct) =>
        {
            var account = Lookup.Party(session, parse.GetRequiredValue(customer), "--customer");
            var registry = await ModuleCalls.AddressOfAsync(session, ModuleCalls.IdentityRegistry, ct).ConfigureAwait(false);
            return new BankOperation(registry, new AbiWriter(1).WriteAddress(account).ToCallData("revokeIdentity(address)"), $"Revoke the identity of {account.ToChecksumString()}", $"Revoked the identity of {account.ToChecksumString()}.", new JsonObject { ["customer"] = account.ToChecksumString() });
        });
    }

    private static Command CreateRecover(CommandContext context)
    {
        var lost = Required("--lost", "The key the customer lost (address).");
        var fresh = Required("--new", "The customer's new key (address, contact or wallet account).");
        return RequestOperation(context, "recover", "Request to move a customer who lost its key to a new key (identity, every balance, freezes and limits). A second officer approves it; after the recovery delay, during which the customer or its guardian may veto, an officer runs `bank request execute ID`.\n\nExample:\n  ledger-wallet bank recover --account bank-a --lost 0x… --new 0x…", [lost, fresh], async (parse, session, ct) =>
        {
            var from = Lookup.Party(session, parse.GetRequiredValue(lost), "--lost");
            var to = Lookup.Party(session, parse.GetRequiredValue(fresh), "--new");
            if (from == to)
            {
                throw WalletException.Usage("--lost and --new are the same address; recovery moves an account to a different key");
            }

            var compliance = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Compliance, ct).ConfigureAwait(false);
            return new BankOperation(compliance, new AbiWriter(2).WriteAddress(from).WriteAddress(to).ToCallData("requestRecovery(address,address)"), $"Request the recovery of {from.ToChecksumString()} to the new key {to.ToChecksumString()}", $"Requested the recovery of {from.ToChecksumString()} to {to.ToChecksumString()}.", new JsonObject { ["lost"] = from.ToChecksumString(), ["new"] = to.ToChecksumString() });
        });
    }

    /// <summary><c>bank identity</c>: a read-only look at a customer (no signature).</summary>
    private static Command CreateIdentity(CommandContext context)
    {
        var customer = Required("--customer", "The customer's address, contact or wallet account.");
        var command = new Command("identity", "Show a customer's identity, whether it is verified and whether it is frozen.\n\nExample:\n  ledger-wallet bank identity --customer 0x… --json") { customer };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var account = Lookup.Party(session, parse.GetRequiredValue(customer), "--customer");
            var registry = await ModuleCalls.AddressOfAsync(session, ModuleCalls.IdentityRegistry, ct).ConfigureAwait(false);
            var compliance = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Compliance, ct).ConfigureAwait(false);
            var identity = await session.Client.ViewAsync(null, registry, new AbiWriter(1).WriteAddress(account).ToCallData("identityOf(address)"), ct).ConfigureAwait(false);
            if (!identity.Success)
            {
                throw WalletException.Usage($"{account.ToChecksumString()} has no identity on file: {RevertReasons.Explain(identity.RevertReason)}");
            }

            var verified = await ModuleCalls.ViewAsync(session, null, registry, new AbiWriter(1).WriteAddress(account).ToCallData("isVerified(address)"), ct).ConfigureAwait(false);
            var freeze = await ModuleCalls.ViewAsync(session, null, compliance, new AbiWriter(1).WriteAddress(account).ToCallData("freezeOf(address)"), ct).ConfigureAwait(false);
            var view = IdentityView.Decode(account, identity.Output.ToByteArray(), verified, freeze);
            if (session.Json)
            {
                session.WriteJson(view.ToJson());
            }
            else
            {
                session.Out.WriteLine(view.ToText());
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
