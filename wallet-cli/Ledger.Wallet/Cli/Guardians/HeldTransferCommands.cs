using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Wallet.Amounts;

namespace Ledger.Wallet.Cli.Guardians;

/// <summary>
/// <c>pending</c>, <c>approve ID</c>, <c>cancel ID</c> and <c>guardian approve-change</c>: what a guardian does
/// with the transfers (and guardian changes) it was asked to approve.
/// </summary>
internal static class HeldTransferCommands
{
    public static Command CreatePending(CommandContext context)
    {
        var account = Lookup.AccountOption(required: false);
        var address = new Option<string>("--address") { Description = "Any sender's address instead of a wallet account (a guardian looks at the account it guards)." };
        var token = new Option<string>("--token") { Description = "Only this token." };
        var all = new Option<bool>("--all") { Description = "Also released and returned held transfers." };
        var command = new Command(
            "pending",
            "List the sender's transfers held for its guardian, with the id `approve` takes.\n\nExamples:\n  ledger-wallet pending --account alice\n  ledger-wallet pending --address 0xf39F…2266 --token USDA --json")
        {
            account, address, token, all,
        };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var (label, owner) = Lookup.AccountOrAddress(session, parse.GetValue(account), parse.GetValue(address));
            var tokens = await session.Client.GetTokensAsync(ct).ConfigureAwait(false);
            var chosen = parse.GetValue(token) is { } symbol ? [Lookup.Token(tokens, symbol)] : tokens;
            var held = await HeldTransfers.FindAsync(session, owner, chosen, onlyPending: !parse.GetValue(all), ct).ConfigureAwait(false);
            if (session.Json)
            {
                session.WriteJson(new JsonObject { ["account"] = label, ["held"] = new JsonArray([.. held.Select(ToJson)]) });
            }
            else if (held.Count == 0)
            {
                session.Out.WriteLine($"No transfers of {label} wait for a guardian.");
            }
            else
            {
                session.Out.WriteLine($"{"ID",4}  {"AMOUNT",14} {"TOKEN",-5}  {"TO",-42}  {"APPROVE BEFORE (UTC)",-20}  STATUS");
                foreach (var h in held)
                {
                    session.Out.WriteLine($"{h.Id,4}  {TokenAmount.Format(h.Amount, (int)h.Token.Decimals),14} {h.Token.Symbol,-5}  {h.To.ToChecksumString(),-42}  {Deadline(h),-20}  {h.StatusText}");
                }

                session.Out.WriteLine("The guardian approves with: ledger-wallet approve ID --token TOKEN --account GUARDIAN");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    public static Command CreateApprove(CommandContext context) => CreateDecision(
        context,
        "approve",
        "The guardian releases a held transfer to its receiver (signed with the guardian's key).\n\nExample:\n  ledger-wallet approve 1 --token USDA --account guardian",
        "The guardian's wallet account.",
        "approveHeldTransfer(uint256)",
        "Release",
        "released to");

    public static Command CreateCancel(CommandContext context) => CreateDecision(
        context,
        "cancel",
        "Return a held transfer to its sender (the sender, its guardian or its bank; anyone after the deadline).\n\nExample:\n  ledger-wallet cancel 1 --token USDA --account alice",
        "The account that signs: the sender, its guardian or bank staff.",
        "cancelHeldTransfer(uint256)",
        "Return",
        "returned instead of paid to");

    public static Command CreateApproveChange(CommandContext context)
    {
        var signer = new SignerOptions("The current guardian's wallet account.");
        var owner = new Option<string>("--for") { Description = "The guarded account (address or contact) whose change to approve.", Required = true };
        var token = new Option<string>("--token") { Description = "The token, e.g. USDA.", Required = true };
        var command = new Command("approve-change", "The current guardian approves a requested guardian change.\n\nExample:\n  ledger-wallet guardian approve-change --for alice --token USDA --account guardian") { owner, token };
        signer.AddTo(command);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var tokenInfo = Lookup.Token(await session.Client.GetTokensAsync(ct).ConfigureAwait(false), parse.GetRequiredValue(token));
            var account = Lookup.Party(session, parse.GetRequiredValue(owner), "--for");
            var summary = $"Approve the guardian change {account.ToChecksumString()} requested on {tokenInfo.Symbol}";
            var outcome = await Transactor.ExecuteAsync(session, signer.Read(parse), Address.Parse(tokenInfo.Address), new AbiWriter(1).WriteAddress(account).ToCallData("approveGuardianChange(address)"), summary, ct).ConfigureAwait(false);
            return Transactor.Print(session, outcome, $"{summary}: done.");
        }));
        return command;
    }

    private static Command CreateDecision(CommandContext context, string name, string help, string accountHelp, string function, string verb, string done)
    {
        var id = new Argument<ulong>("id") { Description = "The held transfer's id (from `pending`)." };
        var signer = new SignerOptions(accountHelp);
        var token = new Option<string>("--token") { Description = "The token of the held transfer, e.g. USDA.", Required = true };
        var command = new Command(name, help) { id, token };
        signer.AddTo(command);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var tokenInfo = Lookup.Token(await session.Client.GetTokensAsync(ct).ConfigureAwait(false), parse.GetRequiredValue(token));
            var held = await HeldTransfers.ReadAsync(session, tokenInfo, parse.GetValue(id), string.Empty, ct).ConfigureAwait(false);
            if (held.Status != HeldTransfer.Pending)
            {
                throw WalletException.Usage(held.Status == 0
                    ? $"there is no held {tokenInfo.Symbol} transfer {held.Id}; `pending` lists them"
                    : $"held {tokenInfo.Symbol} transfer {held.Id} was already {held.StatusText}; nothing to do");
            }

            var what = $"{TokenAmount.Format(held.Amount, (int)tokenInfo.Decimals)} {tokenInfo.Symbol} from {held.From.ToChecksumString()} to {held.To.ToChecksumString()}";
            var outcome = await Transactor.ExecuteAsync(
                session,
                signer.Read(parse),
                Address.Parse(tokenInfo.Address),
                new AbiWriter(1).WriteUInt64(held.Id).ToCallData(function),
                $"{verb} held transfer {held.Id}: {what}",
                ct).ConfigureAwait(false);
            return Transactor.Print(session, outcome, $"Held transfer {held.Id}: {TokenAmount.Format(held.Amount, (int)tokenInfo.Decimals)} {tokenInfo.Symbol} {done} {held.To.ToChecksumString()}.", new JsonObject { ["id"] = held.Id, ["token"] = tokenInfo.Symbol });
        }));
        return command;
    }

    private static JsonObject ToJson(HeldTransfer held) => new()
    {
        ["id"] = held.Id,
        ["token"] = held.Token.Symbol,
        ["from"] = held.From.ToChecksumString(),
        ["to"] = held.To.ToChecksumString(),
        ["amount"] = TokenAmount.Format(held.Amount, (int)held.Token.Decimals),
        ["deadline"] = Deadline(held),
        ["status"] = held.StatusText,
        ["transaction"] = held.TransactionHash,
    };

    private static string Deadline(HeldTransfer held) =>
        DateTimeOffset.FromUnixTimeSeconds((long)held.Deadline).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
