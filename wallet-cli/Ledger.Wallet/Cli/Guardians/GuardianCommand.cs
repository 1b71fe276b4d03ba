using System.CommandLine;
using System.Text.Json.Nodes;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Wallet.Amounts;

namespace Ledger.Wallet.Cli.Guardians;

/// <summary>
/// <c>guardian set | show</c>: the second factor. With a guardian set on a token, a transfer above the threshold
/// is held until the guardian (a second key, e.g. on another device) approves it with <c>approve ID</c>.
/// </summary>
internal static class GuardianCommand
{
    public static Command Create(CommandContext context)
    {
        var guardian = new Command("guardian", "A second key that must approve your larger transfers (per token).");
        guardian.Subcommands.Add(CreateSet(context));
        guardian.Subcommands.Add(CreateShow(context));
        guardian.Subcommands.Add(HeldTransferCommands.CreateApproveChange(context));
        guardian.Subcommands.Add(CreateVeto(context));
        return guardian;
    }

    /// <summary><c>guardian veto ID</c>: the customer's own key or its guardian stops a recovery its bank requested (four-eyes delay).</summary>
    private static Command CreateVeto(CommandContext context)
    {
        var signer = new SignerOptions("The customer's own key or its guardian (it signs the veto).");
        var id = new Argument<ulong>("id") { Description = "The recovery request's id (from the RequestCreated event or `bank request list`)." };
        var command = new Command(
            "veto",
            "Stop a recovery of your account that your bank requested: while it waits for approval or out its delay, the account's own key or its guardian may veto it.\n\nExample:\n  ledger-wallet guardian veto 7 --account alice")
        {
            id,
        };
        signer.AddTo(command);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var number = parse.GetValue(id);
            var compliance = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Compliance, ct).ConfigureAwait(false);
            var data = new AbiWriter(1).WriteUInt256(number).ToCallData("vetoRequest(uint256)");
            var outcome = await Transactor.ExecuteAsync(session, signer.Read(parse), compliance, data, $"Veto recovery request {number}", ct).ConfigureAwait(false);
            return Transactor.Print(session, outcome, $"Vetoed recovery request {number}: the account stays with its key.", new JsonObject { ["request"] = number });
        }));
        return command;
    }

    private static Command CreateSet(CommandContext context)
    {
        var signer = new SignerOptions("The account to protect (it signs the change).");
        var token = new Option<string>("--token") { Description = "The token the rule applies to, e.g. USDA.", Required = true };
        var guardianAddress = new Option<string>("--guardian") { Description = "The guardian's address or contact (0x0000000000000000000000000000000000000000 removes it).", Required = true };
        var threshold = new Option<string>("--threshold") { Description = "Transfers above this amount wait for the guardian, e.g. 1000.", Required = true };
        var command = new Command(
            "set",
            "Set the guardian and threshold of your account on a token. With no guardian yet it takes effect at once; otherwise the current guardian must approve the change.\n\nExample:\n  ledger-wallet guardian set --account alice --token USDA --guardian 0x15d3…6A65 --threshold 1000");
        signer.AddTo(command);
        command.Options.Add(token);
        command.Options.Add(guardianAddress);
        command.Options.Add(threshold);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var tokenInfo = Lookup.Token(await session.Client.GetTokensAsync(ct).ConfigureAwait(false), parse.GetRequiredValue(token));
            var who = Lookup.Party(session, parse.GetRequiredValue(guardianAddress), "--guardian");
            var thresholdText = parse.GetRequiredValue(threshold);
            var limit = who.IsZero && thresholdText.Trim('0', '.').Length == 0
                ? UInt256.Zero // removing the guardian: the threshold no longer matters
                : TokenAmount.Parse(thresholdText, (int)tokenInfo.Decimals, tokenInfo.Symbol);
            var formatted = $"{TokenAmount.Format(limit, (int)tokenInfo.Decimals)} {tokenInfo.Symbol}";
            var summary = who.IsZero
                ? $"Remove the guardian on {tokenInfo.Symbol}"
                : $"Set guardian {who.ToChecksumString()} for {tokenInfo.Symbol} transfers above {formatted}";
            var outcome = await Transactor.ExecuteAsync(
                session,
                signer.Read(parse),
                Address.Parse(tokenInfo.Address),
                new AbiWriter(2).WriteAddress(who).WriteUInt256(limit).ToCallData("setGuardian(address,uint256)"),
                summary,
                ct).ConfigureAwait(false);
            var (current, _, pending, _) = await ReadAsync(session, tokenInfo.Address, outcome.Account.Address, ct).ConfigureAwait(false);
            var done = current == who
                ? $"{summary}: done."
                : $"Requested: {summary}. The current guardian {current.ToChecksumString()} must approve it (`guardian approve-change`).";
            return Transactor.Print(session, outcome, done, new JsonObject
            {
                ["token"] = tokenInfo.Symbol,
                ["guardian"] = current.ToChecksumString(),
                ["pendingGuardian"] = pending.IsZero ? null : pending.ToChecksumString(),
                ["threshold"] = TokenAmount.Format(limit, (int)tokenInfo.Decimals),
            });
        }));
        return command;
    }

    private static Command CreateShow(CommandContext context)
    {
        var account = Lookup.AccountOption(required: false);
        var address = new Option<string>("--address") { Description = "Any address instead of a wallet account." };
        var token = new Option<string>("--token") { Description = "The token, e.g. USDA.", Required = true };
        var command = new Command("show", "Show the guardian and threshold of an account on a token.\n\nExample:\n  ledger-wallet guardian show --account alice --token USDA") { account, address, token };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var (label, owner) = Lookup.AccountOrAddress(session, parse.GetValue(account), parse.GetValue(address));
            var tokenInfo = Lookup.Token(await session.Client.GetTokensAsync(ct).ConfigureAwait(false), parse.GetRequiredValue(token));
            var (guardian, threshold, pending, pendingThreshold) = await ReadAsync(session, tokenInfo.Address, owner, ct).ConfigureAwait(false);
            var decimals = (int)tokenInfo.Decimals;
            if (session.Json)
            {
                session.WriteJson(new JsonObject
                {
                    ["account"] = label,
                    ["token"] = tokenInfo.Symbol,
                    ["guardian"] = guardian.IsZero ? null : guardian.ToChecksumString(),
                    ["threshold"] = TokenAmount.Format(threshold, decimals),
                    ["pendingGuardian"] = pending.IsZero ? null : pending.ToChecksumString(),
                    ["pendingThreshold"] = TokenAmount.Format(pendingThreshold, decimals),
                });
            }
            else if (guardian.IsZero)
            {
                session.Out.WriteLine($"{label} has no guardian on {tokenInfo.Symbol}: transfers go through at once.");
            }
            else
            {
                session.Out.WriteLine($"{label}: {tokenInfo.Symbol} transfers above {TokenAmount.Format(threshold, decimals)} wait for guardian {guardian.ToChecksumString()}.");
                if (!pending.IsZero)
                {
                    session.Out.WriteLine($"  requested change: guardian {pending.ToChecksumString()}, threshold {TokenAmount.Format(pendingThreshold, decimals)} (the current guardian must approve)");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task<(Address Guardian, UInt256 Threshold, Address Pending, UInt256 PendingThreshold)> ReadAsync(WalletSession session, string token, Address owner, CancellationToken ct)
    {
        var output = await ModuleCalls.ViewAsync(session, null, Address.Parse(token), new AbiWriter(1).WriteAddress(owner).ToCallData("guardianOf(address)"), ct).ConfigureAwait(false);
        return Decode(output);
    }

    private static (Address, UInt256, Address, UInt256) Decode(byte[] output)
    {
        var reader = new AbiReader(output, "guardianOf");
        return (reader.ReadAddress("guardian"), reader.ReadUInt256("threshold"), reader.ReadAddress("pendingGuardian"), reader.ReadUInt256("pendingThreshold"));
    }
}
