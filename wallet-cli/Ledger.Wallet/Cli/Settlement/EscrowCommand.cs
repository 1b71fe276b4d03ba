using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Ledger.Api.V1;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Wallet.Amounts;

namespace Ledger.Wallet.Cli.Settlement;

/// <summary>
/// <c>escrow open | approve | reject | reclaim | show</c>: a payment held by the Settlement module until the
/// beneficiary's bank screens it (approve pays the beneficiary, reject refunds the payer), or until its deadline
/// passes and the payer takes it back.
/// </summary>
internal static class EscrowCommand
{
    public static Command Create(CommandContext context)
    {
        var escrow = new Command("escrow", "Two-phase payments the beneficiary's bank approves or rejects (bank operators).");
        escrow.Subcommands.Add(CreateOpen(context));
        escrow.Subcommands.Add(Decision(context, "approve", "Staff of the beneficiary's bank: screening passed, pay the beneficiary.\n\nExample:\n  ledger-wallet escrow approve 3 --account bank-b", "approveEscrow(uint256)", "Approve", "approved: the beneficiary is paid", withReason: false));
        escrow.Subcommands.Add(Decision(context, "reject", "Staff of the beneficiary's bank: refuse the payment and refund the payer.\n\nExample:\n  ledger-wallet escrow reject 3 --account bank-b --reason 'sanctions screening'", "rejectEscrow(uint256,string)", "Reject", "rejected: the payer is refunded", withReason: true));
        escrow.Subcommands.Add(Decision(context, "reclaim", "The payer, after the deadline: take back an escrow nobody decided.\n\nExample:\n  ledger-wallet escrow reclaim 3 --account alice", "reclaimEscrow(uint256)", "Reclaim", "reclaimed: the payer has it back", withReason: false));
        escrow.Subcommands.Add(CreateShow(context));
        return escrow;
    }

    private static Command CreateOpen(CommandContext context)
    {
        var signer = new SignerOptions("The payer's wallet account.");
        var token = new Option<string>("--token") { Description = "Token symbol, e.g. USDA.", Required = true };
        var to = new Option<string>("--to") { Description = "The beneficiary: address, alias or contact.", Required = true };
        var amount = new Option<string>("--amount") { Description = "Amount in whole units.", Required = true };
        var validFor = new Option<string>("--valid-for") { Description = "Until when the bank may decide: 1h, 2d (default 1d).", DefaultValueFactory = _ => "1d" };
        var travelRule = new Option<string>("--travel-rule") { Description = "The travel-rule envelope (kept off-ledger); its keccak256 is recorded." };
        var command = new Command("open", "Lock a payment in escrow for the beneficiary's bank to approve.\n\nExample:\n  ledger-wallet escrow open --account alice --token USDA --to 0x9965…A4dc --amount 250 --valid-for 2d") { token, to, amount, validFor, travelRule };
        signer.AddTo(command);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var info = Lookup.Token(await session.Client.GetTokensAsync(ct).ConfigureAwait(false), parse.GetRequiredValue(token));
            var value = TokenAmount.Parse(parse.GetRequiredValue(amount), (int)info.Decimals, info.Symbol);
            var beneficiary = await Lookup.RecipientAsync(session, parse.GetRequiredValue(to), ct).ConfigureAwait(false);
            var deadline = await Durations.AfterHeadAsync(session, Durations.Validity(parse.GetRequiredValue(validFor), "--valid-for"), ct).ConfigureAwait(false);
            var envelope = parse.GetValue(travelRule) ?? $"escrow;beneficiary={beneficiary.ToChecksumString()};amount={value} {info.Symbol};deadline={deadline}";
            var module = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Settlement, ct).ConfigureAwait(false);
            var data = new AbiWriter(5).WriteAddress(Address.Parse(info.Address)).WriteAddress(beneficiary).WriteUInt256(value).WriteUInt64(deadline).WriteBytes32(Keccak256.Hash(Encoding.UTF8.GetBytes(envelope)))
                .ToCallData("openEscrow(address,address,uint256,uint64,bytes32)");
            var names = await Names.LoadAsync(session, node: false, ct).ConfigureAwait(false);
            await names.AddAliasesAsync(session, [beneficiary], ct).ConfigureAwait(false);
            var what = $"{TokenAmount.Format(value, (int)info.Decimals)} {info.Symbol} for {names.Describe(beneficiary)}, decided by {Durations.FormatUnix(deadline)}";
            var outcome = await Transactor.ExecuteAsync(session, signer.Read(parse), module, data, $"Open an escrow of {what}", ct).ConfigureAwait(false);
            var id = ModuleCalls.IdFromLog(outcome.Receipt, module, "EscrowOpened(uint256,address,address,address,uint256,uint64,bytes32)");
            return Transactor.Print(session, outcome, $"Escrow {id}: {what}; the beneficiary's bank approves with `escrow approve {id}`.", new JsonObject { ["id"] = id, ["token"] = info.Symbol, ["amount"] = TokenAmount.Format(value, (int)info.Decimals), ["beneficiary"] = beneficiary.ToChecksumString(), ["deadline"] = deadline });
        }));
        return command;
    }

    private static Command Decision(CommandContext context, string name, string help, string function, string verb, string done, bool withReason)
    {
        var id = new Argument<ulong>("id") { Description = "The escrow id (from `escrow open`)." };
        var signer = new SignerOptions(name == "reclaim" ? "The payer's wallet account." : "The wallet account of the beneficiary bank's staff.");
        var reason = new Option<string>("--reason") { Description = "Why it is rejected (1-256 bytes); the payer sees it.", Required = withReason };
        var command = new Command(name, help) { id };
        if (withReason)
        {
            command.Options.Add(reason);
        }

        signer.AddTo(command);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var module = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Settlement, ct).ConfigureAwait(false);
            var escrowId = parse.GetValue(id);
            var writer = new AbiWriter(2).WriteUInt64(escrowId);
            if (withReason)
            {
                writer.WriteString(parse.GetRequiredValue(reason));
            }

            var outcome = await Transactor.ExecuteAsync(session, signer.Read(parse), module, writer.ToCallData(function), $"{verb} escrow {escrowId}", ct).ConfigureAwait(false);
            return Transactor.Print(session, outcome, $"Escrow {escrowId} {done}.", new JsonObject { ["id"] = escrowId });
        }));
        return command;
    }

    private static Command CreateShow(CommandContext context)
    {
        var id = new Argument<ulong>("id") { Description = "The escrow id." };
        var command = new Command("show", "Show an escrow: payer, beneficiary, amount, deadline and state.\n\nExample:\n  ledger-wallet escrow show 3 --json") { id };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var module = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Settlement, ct).ConfigureAwait(false);
            var escrowId = parse.GetValue(id);
            var output = await ModuleCalls.ViewAsync(session, null, module, new AbiWriter(1).WriteUInt64(escrowId).ToCallData("getSettlement(uint256)"), ct).ConfigureAwait(false);
            var (state, payer, beneficiary, tokenAddress, amount, deadline) = Decode(output);
            var token = Merchant.MerchantCalls.TokenAt(await session.Client.GetTokensAsync(ct).ConfigureAwait(false), tokenAddress);
            var stateText = state switch { 1 => "open", 2 => "approved", 3 => "rejected", 4 => "reclaimed", _ => "unknown" };
            return Show(session, new JsonObject
            {
                ["id"] = escrowId,
                ["state"] = stateText,
                ["payer"] = payer.ToChecksumString(),
                ["beneficiary"] = beneficiary.ToChecksumString(),
                ["token"] = token.Symbol,
                ["amount"] = TokenAmount.Format(amount, (int)token.Decimals),
                ["deadline"] = deadline,
            }, $"Escrow {escrowId}: {TokenAmount.Format(amount, (int)token.Decimals)} {token.Symbol} from {payer.ToChecksumString()} to {beneficiary.ToChecksumString()} — {stateText} (deadline {Durations.FormatUnix(deadline)})");
        }));
        return command;
    }

    internal static int Show(WalletSession session, JsonObject json, string text)
    {
        if (session.Json)
        {
            session.WriteJson(json);
        }
        else
        {
            session.Out.WriteLine(text);
        }

        return ExitCodes.Success;
    }

    private static (byte State, Address Payer, Address Beneficiary, Address Token, UInt256 Amount, ulong Deadline) Decode(byte[] output)
    {
        var reader = new AbiReader(output, "getSettlement");
        return (reader.ReadUInt8("state"), reader.ReadAddress("payer"), reader.ReadAddress("beneficiary"), reader.ReadAddress("token"), reader.ReadUInt256("amount"), reader.ReadUInt64("deadline"));
    }
}
