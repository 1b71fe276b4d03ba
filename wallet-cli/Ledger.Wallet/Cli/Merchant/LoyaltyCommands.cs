using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Wallet.Amounts;

namespace Ledger.Wallet.Cli.Merchant;

/// <summary>
/// <c>points</c> (a customer's loyalty points at a merchant; <c>points program</c> for the merchant) and
/// <c>coupon create | show</c>. Points are spent with <c>invoice pay --points N</c>, coupons with <c>--coupon</c>.
/// </summary>
internal static class LoyaltyCommands
{
    public static Command CreatePoints(CommandContext context)
    {
        var account = Lookup.AccountOption(required: false);
        var address = new Option<string>("--address") { Description = "Any customer address instead of a wallet account." };
        var merchant = new Option<string>("--merchant") { Description = "The merchant: address, contact or wallet account." };
        var command = new Command(
            "points",
            "Your loyalty points at a merchant (spend them with `invoice pay ID --points N`).\n\nExamples:\n  ledger-wallet points --account alice --merchant shop\n  ledger-wallet points program --account shop --per-unit 10 --point-value 1")
        {
            account, address, merchant,
        };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var shop = Lookup.Party(session, parse.GetValue(merchant) ?? throw WalletException.Usage("give --merchant (address, contact or wallet account)"), "--merchant");
            var (label, customer) = Lookup.AccountOrAddress(session, parse.GetValue(account), parse.GetValue(address));
            var module = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Merchant, ct).ConfigureAwait(false);
            var balance = new AbiReader(await ModuleCalls.ViewAsync(session, null, module, new AbiWriter(2).WriteAddress(shop).WriteAddress(customer).ToCallData("pointsOf(address,address)"), ct).ConfigureAwait(false), "pointsOf").ReadUInt256("points");
            var program = await ModuleCalls.ViewAsync(session, null, module, new AbiWriter(1).WriteAddress(shop).ToCallData("loyaltyOf(address)"), ct).ConfigureAwait(false);
            var (perUnit, pointValue) = ReadProgram(program);
            if (session.Json)
            {
                session.WriteJson(new JsonObject
                {
                    ["account"] = label,
                    ["merchant"] = shop.ToChecksumString(),
                    ["points"] = balance.ToString(),
                    ["pointsPerUnit"] = perUnit.ToString(),
                    ["pointValueBaseUnits"] = pointValue.ToString(),
                });
            }
            else
            {
                session.Out.WriteLine($"{label} has {balance} points at {shop.ToChecksumString()}.");
                session.Out.WriteLine(perUnit == UInt256.Zero && pointValue == UInt256.Zero
                    ? "  the merchant runs no loyalty programme"
                    : $"  earns {perUnit} points per whole unit paid; each point is worth {pointValue} base units (spend with `invoice pay ID --points N`)");
            }

            return ExitCodes.Success;
        }));
        command.Subcommands.Add(CreateProgram(context));
        return command;
    }

    public static Command CreateCoupon(CommandContext context)
    {
        var coupon = new Command("coupon", "Merchant coupons: single-use codes for a percentage or a fixed amount off an invoice.");
        var signer = new SignerOptions("The merchant's wallet account.");
        var code = new Option<string>("--code") { Description = "The code customers type (only its keccak256 hash goes on chain until it is used).", Required = true };
        var percent = new Option<string>("--percent") { Description = "Percentage off, e.g. 10 or 12.5." };
        var fixedAmount = new Option<string>("--fixed") { Description = "A fixed amount off in whole units (needs --token for its decimals)." };
        var token = new Option<string>("--token") { Description = "The token whose decimals --fixed uses." };
        var validFor = new Option<string>("--valid-for") { Description = "How long it can be used: 7d, 30d (default 30d).", DefaultValueFactory = _ => "30d" };
        var create = new Command("create", "Create a single-use coupon.\n\nExamples:\n  ledger-wallet coupon create --account shop --code WELCOME10 --percent 10\n  ledger-wallet coupon create --account shop --code TAKE1 --fixed 1.00 --token EURB --valid-for 7d")
        {
            code, percent, fixedAmount, token, validFor,
        };
        signer.AddTo(create);
        create.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var text = parse.GetRequiredValue(code);
            if (text.Length == 0)
            {
                throw WalletException.Usage("--code is empty");
            }

            var (kind, value, shown) = await CouponValueAsync(session, parse.GetValue(percent), parse.GetValue(fixedAmount), parse.GetValue(token), ct).ConfigureAwait(false);
            var expiry = await Durations.AfterHeadAsync(session, Durations.Validity(parse.GetRequiredValue(validFor), "--valid-for"), ct).ConfigureAwait(false);
            var module = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Merchant, ct).ConfigureAwait(false);
            var data = new AbiWriter(4).WriteBytes32(CodeHash(text)).WriteUInt8(kind).WriteUInt256(value).WriteUInt64(expiry).ToCallData("createCoupon(bytes32,uint8,uint256,uint64)");
            var outcome = await Transactor.ExecuteAsync(session, signer.Read(parse), module, data, $"Create coupon {text}: {shown} off, valid until {Durations.FormatUnix(expiry)}", ct).ConfigureAwait(false);
            return Transactor.Print(session, outcome, $"Coupon {text}: {shown} off one invoice, valid until {Durations.FormatUnix(expiry)}.", new JsonObject { ["code"] = text, ["discount"] = shown, ["expiry"] = expiry });
        }));
        coupon.Subcommands.Add(create);
        return coupon;
    }

    private static Command CreateProgram(CommandContext context)
    {
        var signer = new SignerOptions("The merchant's wallet account.");
        var perUnit = new Option<ulong>("--per-unit") { Description = "Points earned per whole token unit paid (0 with --point-value 0 ends the programme).", Required = true };
        var pointValue = new Option<ulong>("--point-value") { Description = "What one point is worth when spent, in base units of the invoice's token (1 = 0.01 of a 2-decimal token).", Required = true };
        var command = new Command("program", "Start or change your loyalty programme as a merchant.\n\nExample:\n  ledger-wallet points program --account shop --per-unit 10 --point-value 1") { perUnit, pointValue };
        signer.AddTo(command);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var module = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Merchant, ct).ConfigureAwait(false);
            var (per, value) = (parse.GetValue(perUnit), parse.GetValue(pointValue));
            var what = $"{per} points per unit paid, each worth {value} base units";
            var outcome = await Transactor.ExecuteAsync(session, signer.Read(parse), module, new AbiWriter(2).WriteUInt64(per).WriteUInt64(value).ToCallData("setLoyalty(uint256,uint256)"), $"Set your loyalty programme: {what}", ct).ConfigureAwait(false);
            return Transactor.Print(session, outcome, $"Loyalty programme: {what}.", new JsonObject { ["pointsPerUnit"] = per, ["pointValueBaseUnits"] = value });
        }));
        return command;
    }

    /// <summary>keccak256 of the UTF-8 code, as the Merchant module stores coupons.</summary>
    internal static byte[] CodeHash(string code) => Keccak256.Hash(Encoding.UTF8.GetBytes(code)).ToArray();

    private static async Task<(byte Kind, UInt256 Value, string Shown)> CouponValueAsync(WalletSession session, string? percent, string? fixedAmount, string? token, CancellationToken ct)
    {
        if ((percent is null) == (fixedAmount is null))
        {
            throw WalletException.Usage("give exactly one of --percent or --fixed");
        }

        if (percent is not null)
        {
            // Basis points: 12.5 % = 1250, parsed exactly with two decimals.
            var bps = TokenAmount.Parse(percent, 2, "%");
            return bps == UInt256.Zero || bps.CompareTo(new UInt256(10_000)) > 0
                ? throw WalletException.Usage($"--percent {percent} must be above 0 and at most 100")
                : ((byte)0, bps, $"{percent.ToString(CultureInfo.InvariantCulture)} %");
        }

        var info = Lookup.Token(await session.Client.GetTokensAsync(ct).ConfigureAwait(false), token ?? throw WalletException.Usage("--fixed needs --token (for its decimals)"));
        var value = TokenAmount.Parse(fixedAmount!, (int)info.Decimals, info.Symbol);
        return ((byte)1, value, $"{TokenAmount.Format(value, (int)info.Decimals)} {info.Symbol}");
    }

    private static (UInt256 PerUnit, UInt256 PointValue) ReadProgram(byte[] output)
    {
        var reader = new AbiReader(output, "loyaltyOf");
        return (reader.ReadUInt256("pointsPerUnit"), reader.ReadUInt256("pointValue"));
    }
}
