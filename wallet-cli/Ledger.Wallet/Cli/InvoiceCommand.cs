using System.CommandLine;
using System.Text.Json.Nodes;
using Ledger.Wallet.Amounts;
using Ledger.Wallet.Invoices;

namespace Ledger.Wallet.Cli;

/// <summary>
/// <c>invoice create | pay</c>: EIP-681 payment requests (URI and QR code) between wallets. These are plain ERC-20
/// transfer requests; invoices with ids, coupons and refunds come with the Merchant module.
/// </summary>
internal static class InvoiceCommand
{
    public static Command Create(CommandContext context)
    {
        var invoice = new Command("invoice", "Ask to be paid with a QR code (EIP-681 URI), or pay such a request.");
        invoice.Subcommands.Add(CreateRequest(context));
        invoice.Subcommands.Add(CreatePay(context));
        return invoice;
    }

    private static Command CreateRequest(CommandContext context)
    {
        var account = Lookup.AccountOption(required: true);
        account.Description = "The wallet account to be paid.";
        var amount = new Option<string>("--amount") { Description = "Amount in whole units, e.g. 12.5.", Required = true };
        var token = new Option<string>("--token") { Description = "Token symbol, e.g. USDA.", Required = true };
        var png = new Option<FileInfo>("--png") { Description = "Also write the QR code as a PNG image to FILE." };
        var command = new Command(
            "create",
            "Print a payment request as an EIP-681 URI and a QR code.\n\nExample:\n  ledger-wallet invoice create --account shop --amount 4.20 --token EURB --png invoice.png")
        {
            account, amount, token, png,
        };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var payee = Lookup.Account(session, parse.GetRequiredValue(account));
            var chain = await session.Client.GetChainInfoAsync(ct).ConfigureAwait(false);
            var tokenInfo = Lookup.Token(await session.Client.GetTokensAsync(ct).ConfigureAwait(false), parse.GetRequiredValue(token));
            var value = TokenAmount.Parse(parse.GetRequiredValue(amount), (int)tokenInfo.Decimals, tokenInfo.Symbol);
            var uri = new PaymentUri(Core.Primitives.Address.Parse(tokenInfo.Address), chain.ChainId, payee.Address, value).ToString();
            if (parse.GetValue(png) is { } file)
            {
                if (file.Exists)
                {
                    throw WalletException.Usage($"{file.FullName} already exists; choose another --png");
                }

                await File.WriteAllBytesAsync(file.FullName, QrCodes.ToPng(uri), ct).ConfigureAwait(false);
            }

            var formatted = TokenAmount.Format(value, (int)tokenInfo.Decimals);
            if (session.Json)
            {
                session.WriteJson(new JsonObject
                {
                    ["uri"] = uri,
                    ["to"] = payee.Address.ToChecksumString(),
                    ["token"] = tokenInfo.Symbol,
                    ["amount"] = formatted,
                    ["png"] = parse.GetValue(png)?.FullName,
                });
            }
            else
            {
                session.Out.WriteLine($"Pay {formatted} {tokenInfo.Symbol} to '{payee.Name}' {payee.Address.ToChecksumString()}:");
                session.Out.WriteLine(uri);
                session.Out.Write(QrCodes.ToTerminalText(uri));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreatePay(CommandContext context)
    {
        var uri = new Argument<string>("uri") { Description = "The EIP-681 payment request (ethereum:TOKEN@CHAIN/transfer?address=…&uint256=…)." };
        var account = Lookup.AccountOption(required: true);
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (scripts)." };
        var passwordFile = new Option<FileInfo>("--password-file") { Description = "Read the account's password from FILE." };
        var command = new Command(
            "pay",
            "Pay an EIP-681 payment request: shows what it asks for, confirms, pays and waits until final.\n\nExample:\n  ledger-wallet invoice pay 'ethereum:0x…@4242/transfer?address=0x…&uint256=420' --account alice")
        {
            uri, account, yes, passwordFile,
        };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, session =>
        {
            var request = PaymentUri.Parse(parse.GetRequiredValue(uri));
            return SendCommand.PayAsync(
                session,
                new PaymentRequest(parse.GetRequiredValue(account), request.Recipient.ToString(), request.Token.ToString(), _ => request.Amount, request.ChainId),
                parse.GetValue(yes),
                parse.GetValue(passwordFile),
                noWait: false,
                ct);
        }));
        return command;
    }
}
