using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Wallet.Amounts;

namespace Ledger.Wallet.Cli.Bank;

/// <summary>Compliance actions: whole-account freezes and per-account limits.</summary>
internal static partial class BankCommand
{
    private static Command CreateFreeze(CommandContext context)
    {
        var customer = Required("--customer", "The account to freeze: address, contact or wallet account.");
        var reason = Required("--reason", "Why (1-256 bytes); every refused transfer shows it, e.g. compliance.");
        return Operation(context, "freeze", "Freeze an account on every token: it can neither send nor receive.\n\nExample:\n  ledger-wallet bank freeze --account bank-b --customer 0x… --reason compliance", [customer, reason], async (parse, session, ct) =>
        {
            var account = Lookup.Party(session, parse.GetRequiredValue(customer), "--customer");
            var why = parse.GetRequiredValue(reason);
            if (Encoding.UTF8.GetByteCount(why) is 0 or > 256)
            {
                throw WalletException.Usage("--reason must be 1 to 256 bytes");
            }

            var compliance = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Compliance, ct).ConfigureAwait(false);
            return new BankOperation(compliance, new AbiWriter(2).WriteAddress(account).WriteString(why).ToCallData("freezeAccount(address,string)"), $"Freeze {account.ToChecksumString()} ({why})", $"Froze {account.ToChecksumString()} ({why}).", new JsonObject { ["customer"] = account.ToChecksumString(), ["reason"] = why });
        });
    }

    private static Command CreateUnfreeze(CommandContext context)
    {
        var customer = Required("--customer", "The frozen account.");
        return Operation(context, "unfreeze", "Lift an account's freeze.\n\nExample:\n  ledger-wallet bank unfreeze --account bank-b --customer 0x…", [customer], async (parse, session, ct) =>
        {
            var account = Lookup.Party(session, parse.GetRequiredValue(customer), "--customer");
            var compliance = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Compliance, ct).ConfigureAwait(false);
            return new BankOperation(compliance, new AbiWriter(1).WriteAddress(account).ToCallData("unfreezeAccount(address)"), $"Unfreeze {account.ToChecksumString()}", $"Unfroze {account.ToChecksumString()}.", new JsonObject { ["customer"] = account.ToChecksumString() });
        });
    }

    private static Command CreateLimits(CommandContext context)
    {
        var token = Required("--token", "The token the limits apply to, e.g. USDA.");
        var customer = Required("--customer", "The account: address, contact or wallet account.");
        var perTransaction = new Option<string>("--per-transaction") { Description = "Largest single transfer (whole units); omit or 0 for none." };
        var daily = new Option<string>("--daily") { Description = "Most it may send per UTC day; omit or 0 for none." };
        var maxBalance = new Option<string>("--max-balance") { Description = "Most it may hold; omit or 0 for none." };
        var clear = new Option<bool>("--clear") { Description = "Remove the account's own limits (its jurisdiction's apply again)." };
        return Operation(context, "limits", "Set (or --clear) an account's own limits on a token, replacing its jurisdiction's.\n\nExamples:\n  ledger-wallet bank limits --account bank-a --token USDA --customer 0x… --per-transaction 1000 --daily 5000\n  ledger-wallet bank limits --account bank-a --token USDA --customer 0x… --clear", [token, customer, perTransaction, daily, maxBalance, clear], async (parse, session, ct) =>
        {
            var info = Lookup.Token(await session.Client.GetTokensAsync(ct).ConfigureAwait(false), parse.GetRequiredValue(token));
            var account = Lookup.Party(session, parse.GetRequiredValue(customer), "--customer");
            var compliance = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Compliance, ct).ConfigureAwait(false);
            var amounts = new[] { parse.GetValue(perTransaction), parse.GetValue(daily), parse.GetValue(maxBalance) };
            if (parse.GetValue(clear))
            {
                if (amounts.Any(a => a is not null))
                {
                    throw WalletException.Usage("--clear removes the limits; give it without --per-transaction, --daily or --max-balance");
                }

                return new BankOperation(compliance, new AbiWriter(2).WriteAddress(Address.Parse(info.Address)).WriteAddress(account).ToCallData("clearAccountLimits(address,address)"), $"Clear the {info.Symbol} limits of {account.ToChecksumString()}", $"Cleared the {info.Symbol} limits of {account.ToChecksumString()}.", new JsonObject { ["customer"] = account.ToChecksumString(), ["token"] = info.Symbol });
            }

            if (amounts.All(a => a is null))
            {
                throw WalletException.Usage("give at least one of --per-transaction, --daily, --max-balance (or --clear)");
            }

            var values = amounts.Select(a => a is null ? UInt256.Zero : TokenAmount.Parse(a, (int)info.Decimals, info.Symbol)).ToArray();
            string Show(UInt256 v) => v == UInt256.Zero ? "none" : $"{TokenAmount.Format(v, (int)info.Decimals)} {info.Symbol}";
            var what = $"{info.Symbol} limits of {account.ToChecksumString()}: per transaction {Show(values[0])}, daily {Show(values[1])}, maximum balance {Show(values[2])}";
            return new BankOperation(
                compliance,
                new AbiWriter(5).WriteAddress(Address.Parse(info.Address)).WriteAddress(account).WriteUInt256(values[0]).WriteUInt256(values[1]).WriteUInt256(values[2]).ToCallData("setAccountLimits(address,address,uint256,uint256,uint256)"),
                $"Set the {what}",
                $"Set the {what}.",
                new JsonObject { ["customer"] = account.ToChecksumString(), ["token"] = info.Symbol, ["perTransaction"] = TokenAmount.Format(values[0], (int)info.Decimals), ["daily"] = TokenAmount.Format(values[1], (int)info.Decimals), ["maxBalance"] = TokenAmount.Format(values[2], (int)info.Decimals) });
        });
    }
}
