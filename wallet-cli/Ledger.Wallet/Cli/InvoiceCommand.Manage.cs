using System.CommandLine;
using System.Text.Json.Nodes;
using Ledger.Core.Encoding;
using Ledger.Wallet.Amounts;
using Ledger.Wallet.Cli.Merchant;

namespace Ledger.Wallet.Cli;

internal static partial class InvoiceCommand
{
    private static Command CreateShow(CommandContext context)
    {
        var id = new Argument<ulong>("id") { Description = "The invoice id." };
        var command = new Command("show", "Show an invoice: merchant, amount, status, what was paid and refunded.\n\nExample:\n  ledger-wallet invoice show 7 --json") { id };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var module = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Merchant, ct).ConfigureAwait(false);
            var invoice = await MerchantCalls.GetInvoiceAsync(session, module, parse.GetValue(id), ct).ConfigureAwait(false);
            var token = MerchantCalls.TokenAt(await session.Client.GetTokensAsync(ct).ConfigureAwait(false), invoice.Token);
            var decimals = (int)token.Decimals;
            if (session.Json)
            {
                session.WriteJson(new JsonObject
                {
                    ["id"] = invoice.Id,
                    ["merchant"] = invoice.Merchant.ToChecksumString(),
                    ["token"] = token.Symbol,
                    ["amount"] = TokenAmount.Format(invoice.Amount, decimals),
                    ["status"] = invoice.StatusText,
                    ["memo"] = invoice.Memo,
                    ["expiry"] = invoice.Expiry,
                    ["payer"] = invoice.Payer.IsZero ? null : invoice.Payer.ToChecksumString(),
                    ["paid"] = TokenAmount.Format(invoice.PaidAmount, decimals),
                    ["discount"] = TokenAmount.Format(invoice.Discount, decimals),
                    ["refunded"] = TokenAmount.Format(invoice.Refunded, decimals),
                    ["acceptCoupons"] = invoice.AcceptCoupons,
                });
            }
            else
            {
                session.Out.WriteLine($"Invoice {invoice.Id}: {TokenAmount.Format(invoice.Amount, decimals)} {token.Symbol} to {invoice.Merchant.ToChecksumString()} — {invoice.StatusText}");
                if (invoice.Memo.Length > 0)
                {
                    session.Out.WriteLine($"  memo: {invoice.Memo}");
                }

                session.Out.WriteLine($"  payable until {Durations.FormatUnix(invoice.Expiry)}{(invoice.AcceptCoupons ? ", coupons accepted" : ", no coupons")}");
                if (!invoice.Payer.IsZero)
                {
                    session.Out.WriteLine($"  paid {TokenAmount.Format(invoice.PaidAmount, decimals)} by {invoice.Payer.ToChecksumString()} in block {invoice.PaidBlock} (discount {TokenAmount.Format(invoice.Discount, decimals)}, refunded {TokenAmount.Format(invoice.Refunded, decimals)})");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateRefund(CommandContext context)
    {
        var id = new Argument<ulong>("id") { Description = "The paid invoice's id." };
        var signer = new SignerOptions("The merchant's wallet account.");
        var amount = new Option<string>("--amount") { Description = "How much to give back (whole units); default everything not yet refunded." };
        var command = new Command("refund", "Refund a paid invoice to its payer, in full or in part.\n\nExample:\n  ledger-wallet invoice refund 7 --account shop --amount 1.20") { id, amount };
        signer.AddTo(command);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var module = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Merchant, ct).ConfigureAwait(false);
            var invoice = await MerchantCalls.GetInvoiceAsync(session, module, parse.GetValue(id), ct).ConfigureAwait(false);
            var token = MerchantCalls.TokenAt(await session.Client.GetTokensAsync(ct).ConfigureAwait(false), invoice.Token);
            var decimals = (int)token.Decimals;
            var value = parse.GetValue(amount) is { } text
                ? TokenAmount.Parse(text, decimals, token.Symbol)
                : Core.Primitives.UInt256.FromBigInteger(invoice.PaidAmount.ToBigInteger() - invoice.Refunded.ToBigInteger());
            var what = $"{TokenAmount.Format(value, decimals)} {token.Symbol} of invoice {invoice.Id} to {invoice.Payer.ToChecksumString()}";
            var outcome = await Transactor.ExecuteAsync(session, signer.Read(parse), module, new AbiWriter(2).WriteUInt64(invoice.Id).WriteUInt256(value).ToCallData("refund(uint256,uint256)"), $"Refund {what}", ct).ConfigureAwait(false);
            return Transactor.Print(session, outcome, $"Refunded {what}.", new JsonObject { ["id"] = invoice.Id, ["amount"] = TokenAmount.Format(value, decimals), ["token"] = token.Symbol });
        }));
        return command;
    }
}
