using System.CommandLine;
using System.Text.Json.Nodes;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Wallet.Amounts;

namespace Ledger.Wallet.Cli.Bank;

/// <summary>The issuer's token actions: mint against a deposit, burn, forced transfer under a legal order.</summary>
internal static partial class BankCommand
{
    private static Command CreateMint(CommandContext context)
    {
        var token = Required("--token", "The token to issue, e.g. USDA.");
        var to = Required("--to", "The (verified) customer credited: address, contact or wallet account.");
        var amount = Required("--amount", "Amount in whole units, e.g. 500 or 12.50.");
        var reference = Required("--reference", "The fiat deposit's core-banking reference (unique per token), e.g. DEP-2026-0001.");
        return Operation(context, "mint", "Issue new tokens to a customer against a fiat deposit.\n\nExample:\n  ledger-wallet bank mint --account bank-a --token USDA --to 0x… --amount 500 --reference DEP-2026-0001", [token, to, amount, reference], async (parse, session, ct) =>
        {
            var (info, value) = await TokenAndAmountAsync(session, parse.GetRequiredValue(token), parse.GetRequiredValue(amount), ct).ConfigureAwait(false);
            var customer = Lookup.Party(session, parse.GetRequiredValue(to), "--to");
            var reference32 = BankArguments.Reference(parse.GetRequiredValue(reference), "--reference");
            var what = $"{TokenAmount.Format(value, (int)info.Decimals)} {info.Symbol} to {customer.ToChecksumString()} (reference {parse.GetRequiredValue(reference)})";
            return new BankOperation(
                Address.Parse(info.Address),
                new AbiWriter(3).WriteAddress(customer).WriteUInt256(value).WriteBytes32(reference32).ToCallData("mint(address,uint256,bytes32)"),
                $"Mint {what}",
                $"Minted {what}.",
                new JsonObject { ["token"] = info.Symbol, ["to"] = customer.ToChecksumString(), ["amount"] = TokenAmount.Format(value, (int)info.Decimals) });
        });
    }

    private static Command CreateBurn(CommandContext context)
    {
        var token = Required("--token", "The token, e.g. USDA.");
        var from = Required("--from", "The holder whose tokens are destroyed: address, contact or wallet account.");
        var amount = Required("--amount", "Amount in whole units.");
        var reference = Required("--reference", "The core-banking reference of the withdrawal (unique per token).");
        return RequestOperation(context, "burn", "Request to destroy a customer's tokens (e.g. a withdrawal paid out in fiat); a second officer approves it (four-eyes).\n\nExample:\n  ledger-wallet bank burn --account bank-a --token USDA --from 0x… --amount 100 --reference WD-2026-0001", [token, from, amount, reference], async (parse, session, ct) =>
        {
            var (info, value) = await TokenAndAmountAsync(session, parse.GetRequiredValue(token), parse.GetRequiredValue(amount), ct).ConfigureAwait(false);
            var holder = Lookup.Party(session, parse.GetRequiredValue(from), "--from");
            var reference32 = BankArguments.Reference(parse.GetRequiredValue(reference), "--reference");
            var what = $"{TokenAmount.Format(value, (int)info.Decimals)} {info.Symbol} of {holder.ToChecksumString()} (reference {parse.GetRequiredValue(reference)})";
            return new BankOperation(
                await ModuleCalls.AddressOfAsync(session, ModuleCalls.Compliance, ct).ConfigureAwait(false),
                new AbiWriter(4).WriteAddress(Address.Parse(info.Address)).WriteAddress(holder).WriteUInt256(value).WriteBytes32(reference32).ToCallData("requestBurn(address,address,uint256,bytes32)"),
                $"Request a burn of {what}",
                $"Requested a burn of {what}.",
                new JsonObject { ["token"] = info.Symbol, ["from"] = holder.ToChecksumString(), ["amount"] = TokenAmount.Format(value, (int)info.Decimals) });
        });
    }

    private static Command CreateForcedTransfer(CommandContext context)
    {
        var token = Required("--token", "The token, e.g. USDA.");
        var from = Required("--from", "The account funds are taken from.");
        var to = Required("--to", "The (verified) account that receives them.");
        var amount = Required("--amount", "Amount in whole units.");
        var reference = Required("--reference", "The legal order or case id, e.g. COURT-2026-17.");
        return RequestOperation(context, "forced-transfer", "Request to move funds under a legal order, regardless of pause, freezes, limits and guardians; a second officer approves it (four-eyes).\n\nExample:\n  ledger-wallet bank forced-transfer --account bank-a --token USDA --from 0x… --to 0x… --amount 50 --reference COURT-2026-17", [token, from, to, amount, reference], async (parse, session, ct) =>
        {
            var (info, value) = await TokenAndAmountAsync(session, parse.GetRequiredValue(token), parse.GetRequiredValue(amount), ct).ConfigureAwait(false);
            var source = Lookup.Party(session, parse.GetRequiredValue(from), "--from");
            var target = Lookup.Party(session, parse.GetRequiredValue(to), "--to");
            var reference32 = BankArguments.Reference(parse.GetRequiredValue(reference), "--reference");
            var what = $"{TokenAmount.Format(value, (int)info.Decimals)} {info.Symbol} from {source.ToChecksumString()} to {target.ToChecksumString()} (order {parse.GetRequiredValue(reference)})";
            return new BankOperation(
                await ModuleCalls.AddressOfAsync(session, ModuleCalls.Compliance, ct).ConfigureAwait(false),
                new AbiWriter(5).WriteAddress(Address.Parse(info.Address)).WriteAddress(source).WriteAddress(target).WriteUInt256(value).WriteBytes32(reference32).ToCallData("requestForcedTransfer(address,address,address,uint256,bytes32)"),
                $"Request a forced transfer of {what}",
                $"Requested a forced transfer of {what}.",
                new JsonObject { ["token"] = info.Symbol, ["from"] = source.ToChecksumString(), ["to"] = target.ToChecksumString(), ["amount"] = TokenAmount.Format(value, (int)info.Decimals) });
        });
    }

    private static async Task<(Api.V1.Token Token, UInt256 Value)> TokenAndAmountAsync(WalletSession session, string token, string amount, CancellationToken ct)
    {
        var info = Lookup.Token(await session.Client.GetTokensAsync(ct).ConfigureAwait(false), token);
        return (info, TokenAmount.Parse(amount, (int)info.Decimals, info.Symbol));
    }
}
