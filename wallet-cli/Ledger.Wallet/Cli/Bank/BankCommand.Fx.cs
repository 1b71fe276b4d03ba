using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Wallet.Amounts;
using Ledger.Wallet.Quotes;

namespace Ledger.Wallet.Cli.Bank;

/// <summary>
/// The FX provider's side of cross-border payments: post rates on the Settlement module's board, allow the module
/// to deliver the receive leg, and sign quotes (EIP-712) that a payer settles with <c>send --quote</c>.
/// </summary>
internal static partial class BankCommand
{
    private static Command CreatePostRate(CommandContext context)
    {
        var baseCurrency = Required("--base", "The currency sold, ISO 4217, e.g. USD.");
        var quoteCurrency = Required("--quote", "The currency bought, e.g. EUR.");
        var rate = Required("--rate", "Units of --quote one unit of --base buys, e.g. 0.92 (up to 18 decimals).");
        var validFor = new Option<string>("--valid-for") { Description = "How long the rate holds: 30m, 2h, at most 24h (default 1h).", DefaultValueFactory = _ => "1h" };
        return Operation(context, "post-rate", "Post an FX rate on the Settlement module's board (FX providers: a bank's operator or compliance officer).\n\nExample:\n  ledger-wallet bank post-rate --account bank-b --base USD --quote EUR --rate 0.92 --valid-for 1h", [baseCurrency, quoteCurrency, rate, validFor], async (parse, session, ct) =>
        {
            var (from, to) = (Currency(parse.GetRequiredValue(baseCurrency), "--base"), Currency(parse.GetRequiredValue(quoteCurrency), "--quote"));
            var value = ParseRate(parse.GetRequiredValue(rate));
            var until = await Durations.AfterHeadAsync(session, Durations.Validity(parse.GetRequiredValue(validFor), "--valid-for"), ct).ConfigureAwait(false);
            var settlement = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Settlement, ct).ConfigureAwait(false);
            var what = $"{from}/{to} {parse.GetRequiredValue(rate)} until {Durations.FormatUnix(until)}";
            return new BankOperation(settlement, new AbiWriter(4).WriteString(from).WriteString(to).WriteUInt256(value).WriteUInt64(until).ToCallData("postRate(string,string,uint256,uint64)"), $"Post the rate {what}", $"Posted {what}.", new JsonObject { ["base"] = from, ["quote"] = to, ["rate"] = TokenAmount.Format(value, 18), ["validUntil"] = until });
        });
    }

    private static Command CreateRate(CommandContext context)
    {
        var provider = Required("--provider", "The FX provider: address, contact or wallet account.");
        var baseCurrency = Required("--base", "e.g. USD.");
        var quoteCurrency = Required("--quote", "e.g. EUR.");
        var command = new Command("rate", "Show the rate a provider posted.\n\nExample:\n  ledger-wallet bank rate --provider bank-b --base USD --quote EUR") { provider, baseCurrency, quoteCurrency };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var who = Lookup.Party(session, parse.GetRequiredValue(provider), "--provider");
            var (from, to) = (Currency(parse.GetRequiredValue(baseCurrency), "--base"), Currency(parse.GetRequiredValue(quoteCurrency), "--quote"));
            var (rate, postedAt, validUntil) = await BoardRateAsync(session, who, from, to, ct).ConfigureAwait(false);
            if (session.Json)
            {
                session.WriteJson(new JsonObject { ["provider"] = who.ToChecksumString(), ["base"] = from, ["quote"] = to, ["rate"] = TokenAmount.Format(rate, 18), ["postedAt"] = postedAt, ["validUntil"] = validUntil });
            }
            else
            {
                session.Out.WriteLine(rate == UInt256.Zero
                    ? $"{who.ToChecksumString()} has posted no {from}/{to} rate."
                    : $"{from}/{to} {ShowRate(rate)} by {who.ToChecksumString()}, posted {Durations.FormatUnix(postedAt)}, valid until {Durations.FormatUnix(validUntil)}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateAllowSettlement(CommandContext context)
    {
        var token = Required("--token", "The token the provider delivers, e.g. EURB.");
        var amount = Required("--amount", "The most the Settlement module may deliver from the provider's balance (whole units).");
        return Operation(context, "allow-settlement", "Let the Settlement module deliver up to AMOUNT of your tokens to the beneficiaries of your quotes (an ERC-20 approve).\n\nExample:\n  ledger-wallet bank allow-settlement --account bank-b --token EURB --amount 100000", [token, amount], async (parse, session, ct) =>
        {
            var (info, value) = await TokenAndAmountAsync(session, parse.GetRequiredValue(token), parse.GetRequiredValue(amount), ct).ConfigureAwait(false);
            var settlement = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Settlement, ct).ConfigureAwait(false);
            var what = $"the Settlement module to deliver up to {TokenAmount.Format(value, (int)info.Decimals)} {info.Symbol}";
            return new BankOperation(Address.Parse(info.Address), new AbiWriter(2).WriteAddress(settlement).WriteUInt256(value).ToCallData("approve(address,uint256)"), $"Allow {what}", $"Allowed {what}.", new JsonObject { ["token"] = info.Symbol, ["allowance"] = TokenAmount.Format(value, (int)info.Decimals) });
        });
    }

    private static Command CreateSignQuote(CommandContext context)
    {
        var signer = new SignerOptions("The FX provider's wallet account (it signs the quote and delivers the receive leg).");
        var payer = Required("--payer", "Who pays: address, contact or wallet account.");
        var beneficiary = Required("--beneficiary", "Who receives: address, alias, contact or wallet account.");
        var payToken = Required("--pay-token", "The token the payer pays, e.g. USDA.");
        var receiveToken = Required("--receive-token", "The token the beneficiary receives, e.g. EURB.");
        var amount = Required("--amount", "What the payer converts, in --pay-token whole units.");
        var fee = new Option<string>("--fee") { Description = "The provider's fee in --pay-token (default 0)." };
        var rate = new Option<string>("--rate") { Description = "Units of the receive currency per unit of the pay currency (default: your posted board rate)." };
        var validFor = new Option<string>("--valid-for") { Description = "How long the payer has to settle: 5m, 1h (default 10m).", DefaultValueFactory = _ => "10m" };
        var travelRule = new Option<string>("--travel-rule") { Description = "The travel-rule envelope (kept off-ledger); its keccak256 goes into the quote." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Write the quote to FILE for the payer (default: standard output)." };
        var command = new Command(
            "sign-quote",
            "Sign an FX quote (EIP-712) for a payer, who settles it with `send --quote FILE`.\n\nExample:\n  ledger-wallet bank sign-quote --account bank-b --payer 0xf39F…2266 --beneficiary 0x9965…A4dc --pay-token USDA --receive-token EURB --amount 100 --fee 0.50 --output quote.json")
        {
            payer, beneficiary, payToken, receiveToken, amount, fee, rate, validFor, travelRule, output,
        };
        signer.AddTo(command);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var provider = Lookup.Account(session, parse.GetRequiredValue(signer.Account));
            var tokens = await session.Client.GetTokensAsync(ct).ConfigureAwait(false);
            var pay = Lookup.Token(tokens, parse.GetRequiredValue(payToken));
            var receive = Lookup.Token(tokens, parse.GetRequiredValue(receiveToken));
            var payAmount = TokenAmount.Parse(parse.GetRequiredValue(amount), (int)pay.Decimals, pay.Symbol);
            var feeAmount = parse.GetValue(fee) is { } feeText ? TokenAmount.Parse(feeText, (int)pay.Decimals, pay.Symbol) : UInt256.Zero;
            var settlement = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Settlement, ct).ConfigureAwait(false);
            var rateValue = parse.GetValue(rate) is { } rateText
                ? ParseRate(rateText)
                : (await BoardRateAsync(session, provider.Address, pay.Currency, receive.Currency, ct).ConfigureAwait(false)).Rate is { } board && board != UInt256.Zero
                    ? board
                    : throw WalletException.Usage($"you have posted no {pay.Currency}/{receive.Currency} rate: `bank post-rate` first, or give --rate");
            var chain = await session.Client.GetChainInfoAsync(ct).ConfigureAwait(false);
            var payerAddress = Lookup.Party(session, parse.GetRequiredValue(payer), "--payer");
            var beneficiaryText = parse.GetRequiredValue(beneficiary);
            var beneficiaryAddress = beneficiaryText.Contains('@', StringComparison.Ordinal)
                ? await Lookup.RecipientAsync(session, beneficiaryText, ct).ConfigureAwait(false)
                : Lookup.Party(session, beneficiaryText, "--beneficiary");
            var expiry = await Durations.AfterHeadAsync(session, Durations.Validity(parse.GetRequiredValue(validFor), "--valid-for"), ct).ConfigureAwait(false);
            var nonce = new UInt256(BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) >> 1);
            var envelope = parse.GetValue(travelRule)
                ?? $"payer={payerAddress.ToChecksumString()};beneficiary={beneficiaryAddress.ToChecksumString()};amount={payAmount} {pay.Symbol};nonce={nonce}";
            var quote = new FxQuote(
                chain.ChainId, settlement, provider.Address, payerAddress, beneficiaryAddress, Address.Parse(pay.Address), Address.Parse(receive.Address),
                payAmount, FxQuote.Convert(payAmount, rateValue), feeAmount, rateValue, expiry, nonce, Keccak256.Hash(Encoding.UTF8.GetBytes(envelope)));
            await CheckDigestAsync(session, quote, ct).ConfigureAwait(false);
            var key = Transactor.UnlockKey(session, provider, parse.GetValue(signer.PasswordFile));
            byte[] signature;
            try
            {
                signature = quote.Sign(key);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }

            var json = quote.ToJson(signature, pay.Symbol, receive.Symbol);
            var text = json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
            var receives = $"{TokenAmount.Format(quote.ReceiveAmount, (int)receive.Decimals)} {receive.Symbol}";
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text + Environment.NewLine, ct).ConfigureAwait(false);
                if (session.Json)
                {
                    session.WriteJson(new JsonObject { ["file"] = file.FullName, ["quote"] = json });
                }
                else
                {
                    session.Out.WriteLine($"Quote for {payerAddress.ToChecksumString()}: {TokenAmount.Format(payAmount, (int)pay.Decimals)} {pay.Symbol} (+ fee {TokenAmount.Format(feeAmount, (int)pay.Decimals)}) → {receives} for {beneficiaryAddress.ToChecksumString()} at {ShowRate(rateValue)}, valid until {Durations.FormatUnix(expiry)}");
                    session.Out.WriteLine($"  written to {file.FullName}; the payer runs: ledger-wallet send --account PAYER --quote {file.Name}");
                }
            }
            else
            {
                session.Out.WriteLine(text);
            }

            await WarnOnAllowanceAsync(session, provider.Address, settlement, receive, quote.ReceiveAmount, ct).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The node's Settlement module must compute the same digest, or the signature would be refused at settle.</summary>
    private static async Task CheckDigestAsync(WalletSession session, FxQuote quote, CancellationToken ct)
    {
        var data = new AbiWriter(12)
            .WriteAddress(quote.Provider).WriteAddress(quote.Payer).WriteAddress(quote.Beneficiary).WriteAddress(quote.PayToken).WriteAddress(quote.ReceiveToken)
            .WriteUInt256(quote.PayAmount).WriteUInt256(quote.ReceiveAmount).WriteUInt256(quote.Fee).WriteUInt256(quote.Rate)
            .WriteUInt64(quote.Expiry).WriteUInt256(quote.Nonce).WriteBytes32(quote.TravelRuleRef)
            .ToCallData("hashQuote(address,address,address,address,address,uint256,uint256,uint256,uint256,uint64,uint256,bytes32)");
        var output = await ModuleCalls.ViewAsync(session, null, quote.Settlement, data, ct).ConfigureAwait(false);
        var node = new Hash32(output.AsSpan(0, 32));
        if (node != quote.Digest())
        {
            throw new WalletException($"the node's Settlement module hashes this quote as {node}, the wallet as {quote.Digest()}: wallet and node disagree on the EIP-712 quote format; nothing was signed");
        }
    }

    private static async Task WarnOnAllowanceAsync(WalletSession session, Address provider, Address settlement, Api.V1.Token receive, UInt256 needed, CancellationToken ct)
    {
        var output = await ModuleCalls.ViewAsync(session, null, Address.Parse(receive.Address), new AbiWriter(2).WriteAddress(provider).WriteAddress(settlement).ToCallData("allowance(address,address)"), ct).ConfigureAwait(false);
        var allowance = UInt256.FromBigEndian(output.AsSpan(0, 32));
        if (allowance.CompareTo(needed) < 0)
        {
            await session.Error.WriteLineAsync($"ledger-wallet: note: the Settlement module may deliver only {TokenAmount.Format(allowance, (int)receive.Decimals)} {receive.Symbol} of yours; run `bank allow-settlement --token {receive.Symbol} --amount …` before the payer settles").ConfigureAwait(false);
        }
    }

    private static async Task<(UInt256 Rate, ulong PostedAt, ulong ValidUntil)> BoardRateAsync(WalletSession session, Address provider, string from, string to, CancellationToken ct)
    {
        var settlement = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Settlement, ct).ConfigureAwait(false);
        var output = await ModuleCalls.ViewAsync(session, null, settlement, new AbiWriter(3).WriteAddress(provider).WriteString(from).WriteString(to).ToCallData("getRate(address,string,string)"), ct).ConfigureAwait(false);
        return DecodeRate(output);
    }

    private static (UInt256, ulong, ulong) DecodeRate(byte[] output)
    {
        var reader = new AbiReader(output, "getRate");
        return (reader.ReadUInt256("rate"), reader.ReadUInt64("postedAt"), reader.ReadUInt64("validUntil"));
    }

    private static UInt256 ParseRate(string text)
    {
        var value = TokenAmount.Parse(text, 18, "rate");
        return value == UInt256.Zero ? throw WalletException.Usage("--rate must be above 0") : value;
    }

    private static string ShowRate(UInt256 rate) => TokenAmount.Format(rate, 18).TrimEnd('0').TrimEnd('.');

    private static string Currency(string text, string option) =>
        text.Length == 3 && text.All(char.IsAsciiLetterUpper) ? text : throw WalletException.Usage($"{option} '{text}' is not an ISO 4217 currency code (three capital letters, e.g. USD)");
}
