using System.CommandLine;
using System.Text.Json.Nodes;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Wallet.Amounts;
using Ledger.Wallet.Cli.Merchant;
using Ledger.Wallet.Invoices;

namespace Ledger.Wallet.Cli;

/// <summary>
/// <c>invoice create | pay | show | refund</c>: merchant invoices in the Merchant module, paid from their EIP-681
/// URI (a QR code) with an optional coupon. <c>invoice create --transfer</c> still makes a plain ERC-20 transfer
/// request between wallets, which needs no module and no signature.
/// </summary>
internal static partial class InvoiceCommand
{
    public static Command Create(CommandContext context)
    {
        var invoice = new Command("invoice", "Get paid with a QR code (an EIP-681 URI), pay one, look at or refund an invoice.");
        invoice.Subcommands.Add(CreateRequest(context));
        invoice.Subcommands.Add(CreatePay(context));
        invoice.Subcommands.Add(CreateShow(context));
        invoice.Subcommands.Add(CreateRefund(context));
        return invoice;
    }

    private static Command CreateRequest(CommandContext context)
    {
        var signer = new SignerOptions("The merchant's wallet account (it is paid).");
        var amount = new Option<string>("--amount") { Description = "Amount in whole units, e.g. 12.5.", Required = true };
        var token = new Option<string>("--token") { Description = "Token symbol, e.g. USDA.", Required = true };
        var memo = new Option<string>("--memo") { Description = "Text for the customer: order number, description (at most 200 bytes)." };
        var validFor = new Option<string>("--valid-for") { Description = "How long it can be paid: 30m, 2h, 7d (default 1d).", DefaultValueFactory = _ => "1d" };
        var noCoupons = new Option<bool>("--no-coupons") { Description = "Refuse payments with a coupon." };
        var transfer = new Option<bool>("--transfer") { Description = "A plain ERC-20 transfer request instead of a Merchant-module invoice (no signature, no id)." };
        var png = new Option<FileInfo>("--png") { Description = "Also write the QR code as a PNG image to FILE." };
        var command = new Command(
            "create",
            "Create an invoice and print its EIP-681 URI and a QR code (and a PNG with --png).\n\nExamples:\n"
            + "  ledger-wallet invoice create --account shop --amount 4.20 --token EURB --memo 'coffee' --png invoice.png\n"
            + "  ledger-wallet invoice create --account shop --amount 4.20 --token EURB --transfer")
        {
            amount, token, memo, validFor, noCoupons, transfer, png,
        };
        signer.AddTo(command);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var file = parse.GetValue(png);
            if (file is { Exists: true })
            {
                throw WalletException.Usage($"{file.FullName} already exists; choose another --png");
            }

            var tokenInfo = Lookup.Token(await session.Client.GetTokensAsync(ct).ConfigureAwait(false), parse.GetRequiredValue(token));
            var value = TokenAmount.Parse(parse.GetRequiredValue(amount), (int)tokenInfo.Decimals, tokenInfo.Symbol);
            var formatted = $"{TokenAmount.Format(value, (int)tokenInfo.Decimals)} {tokenInfo.Symbol}";
            var chain = await session.Client.GetChainInfoAsync(ct).ConfigureAwait(false);
            var json = new JsonObject { ["token"] = tokenInfo.Symbol, ["amount"] = TokenAmount.Format(value, (int)tokenInfo.Decimals) };
            string uri;
            string heading;
            if (parse.GetValue(transfer))
            {
                var payee = Lookup.Account(session, parse.GetRequiredValue(signer.Account));
                uri = new PaymentUri(Address.Parse(tokenInfo.Address), chain.ChainId, payee.Address, value).ToString();
                heading = $"Pay {formatted} to '{payee.Name}' {payee.Address.ToChecksumString()}:";
                json["to"] = payee.Address.ToChecksumString();
            }
            else
            {
                var module = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Merchant, ct).ConfigureAwait(false);
                var expiry = await Durations.AfterHeadAsync(session, Durations.Validity(parse.GetRequiredValue(validFor), "--valid-for"), ct).ConfigureAwait(false);
                var text = parse.GetValue(memo) ?? string.Empty;
                var data = new AbiWriter(5).WriteAddress(Address.Parse(tokenInfo.Address)).WriteUInt256(value).WriteUInt64(expiry).WriteString(text).WriteBool(!parse.GetValue(noCoupons))
                    .ToCallData("createInvoice(address,uint256,uint64,string,bool)");
                var outcome = await Transactor.ExecuteAsync(session, signer.Read(parse), module, data, $"Create an invoice for {formatted}{(text.Length > 0 ? $" ({text})" : string.Empty)}, payable until {Durations.FormatUnix(expiry)}", ct).ConfigureAwait(false);
                var id = MerchantCalls.CreatedId(outcome.Receipt, module);
                uri = await MerchantCalls.PaymentUriAsync(session, module, id, ct).ConfigureAwait(false);
                heading = $"Invoice {id}: {formatted} to '{outcome.Account.Name}' {outcome.Account.Address.ToChecksumString()}{(text.Length > 0 ? $" — {text}" : string.Empty)}, payable until {Durations.FormatUnix(expiry)}:";
                json["id"] = id;
                json["to"] = outcome.Account.Address.ToChecksumString();
                json["hash"] = outcome.Hash.ToString();
                json["expiry"] = expiry;
            }

            if (file is not null)
            {
                await File.WriteAllBytesAsync(file.FullName, QrCodes.ToPng(uri), ct).ConfigureAwait(false);
            }

            if (session.Json)
            {
                json["uri"] = uri;
                json["png"] = file?.FullName;
                session.WriteJson(json);
            }
            else
            {
                session.Out.WriteLine(heading);
                session.Out.WriteLine(uri);
                session.Out.Write(QrCodes.ToTerminalText(uri));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
