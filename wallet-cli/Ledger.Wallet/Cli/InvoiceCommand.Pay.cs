using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Wallet.Amounts;
using Ledger.Wallet.Cli.Merchant;
using Ledger.Wallet.Invoices;

namespace Ledger.Wallet.Cli;

internal static partial class InvoiceCommand
{
    private static Command CreatePay(CommandContext context)
    {
        var request = new Argument<string>("uri-or-id") { Description = "The invoice URI from the QR code (ethereum:…/payInvoice?uint256=ID), an invoice id, or an ERC-20 transfer request (ethereum:TOKEN@CHAIN/transfer?…)." };
        var signer = new SignerOptions("The wallet account that pays.");
        var coupon = new Option<string>("--coupon") { Description = "A coupon code of the merchant's (invoices only)." };
        var points = new Option<ulong>("--points") { Description = "Spend this many loyalty points at the merchant (invoices only)." };
        var command = new Command(
            "pay",
            "Pay an invoice or payment request: shows what it asks for, confirms, pays and waits until final.\n\nExamples:\n"
            + "  ledger-wallet invoice pay 'ethereum:0x1000…0004@4242/payInvoice?uint256=7' --account alice --coupon WELCOME10\n"
            + "  ledger-wallet invoice pay 7 --account alice --points 50\n"
            + "  ledger-wallet invoice pay 'ethereum:0x…@4242/transfer?address=0x…&uint256=420' --account alice")
        {
            request, coupon, points,
        };
        signer.AddTo(command);
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            var text = parse.GetRequiredValue(request).Trim();
            var who = signer.Read(parse);
            if (!InvoiceUri.Looks(text) && !ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                if (parse.GetValue(coupon) is not null || parse.GetValue(points) > 0)
                {
                    throw WalletException.Usage("--coupon and --points apply to Merchant invoices, not to a plain transfer request");
                }

                var transfer = PaymentUri.Parse(text);
                return await SendCommand.PayAsync(
                    session,
                    new PaymentRequest(who.Account, transfer.Recipient.ToString(), transfer.Token.ToString(), _ => transfer.Amount, transfer.ChainId),
                    who.Yes,
                    who.PasswordFile,
                    noWait: false,
                    ct).ConfigureAwait(false);
            }

            return await PayInvoiceAsync(session, who, text, parse.GetValue(coupon), parse.GetValue(points), ct).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> PayInvoiceAsync(WalletSession session, Signer who, string text, string? coupon, ulong points, CancellationToken ct)
    {
        var module = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Merchant, ct).ConfigureAwait(false);
        ulong id;
        if (InvoiceUri.Looks(text))
        {
            var uri = InvoiceUri.Parse(text);
            var chain = await session.Client.GetChainInfoAsync(ct).ConfigureAwait(false);
            if (uri.ChainId != chain.ChainId)
            {
                throw WalletException.Usage($"the invoice is for chain {uri.ChainId}, but the node runs chain {chain.ChainId}; nothing was paid");
            }

            if (uri.Module != module)
            {
                throw WalletException.Usage($"the invoice names {uri.Module.ToChecksumString()}, which is not this node's Merchant module ({module.ToChecksumString()}); nothing was paid");
            }

            id = uri.Id;
        }
        else
        {
            id = ulong.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        MerchantInvoice invoice;
        try
        {
            invoice = await MerchantCalls.GetInvoiceAsync(session, module, id, ct).ConfigureAwait(false);
        }
        catch (WalletException missing) when (missing.ExitCode == ExitCodes.Usage)
        {
            throw WalletException.Usage($"{missing.Message}; nothing was paid");
        }

        if (invoice.Status != MerchantInvoice.Open)
        {
            throw WalletException.Rejected($"invoice {id} is {invoice.StatusText}{(invoice.PaidBlock > 0 ? $" (paid in block {invoice.PaidBlock})" : string.Empty)}; nothing was paid");
        }

        var token = MerchantCalls.TokenAt(await session.Client.GetTokensAsync(ct).ConfigureAwait(false), invoice.Token);
        var decimals = (int)token.Decimals;
        var amount = $"{TokenAmount.Format(invoice.Amount, decimals)} {token.Symbol}";
        var extras = (coupon is null ? string.Empty : $"coupon {coupon}") + (points > 0 ? $"{(coupon is null ? string.Empty : " and ")}{points} points" : string.Empty);
        var names = await Names.LoadAsync(session, node: false, ct).ConfigureAwait(false);
        await names.AddAliasesAsync(session, [invoice.Merchant], ct).ConfigureAwait(false);
        var quote = points > 0
            ? new AbiWriter(3).WriteUInt64(id).WriteUInt64(points).WriteString(coupon ?? string.Empty).ToCallData("payInvoiceWithPoints(uint256,uint256,string)")
            : new AbiWriter(2).WriteUInt64(id).WriteString(coupon ?? string.Empty).ToCallData("payInvoice(uint256,string)");
        var payer = Lookup.Account(session, who.Account).Address;
        var quoted = await session.Client.ViewAsync(payer, module, quote, ct).ConfigureAwait(false);
        if (!quoted.Success)
        {
            throw WalletException.Rejected($"{RevertReasons.Explain(quoted.RevertReason)}; nothing was sent");
        }

        // What is shown is what is signed: payInvoiceExact reverts unless the chain itself comes to this amount for
        // this merchant, so a node that lied about the invoice (amount, discount or merchant) makes no money move.
        var due = new AbiReader(quoted.Output.ToByteArray(), "payInvoice").ReadUInt256("paid");
        var data = new AbiWriter(5).WriteUInt64(id).WriteUInt256(due).WriteAddress(invoice.Merchant).WriteUInt64(points).WriteString(coupon ?? string.Empty)
            .ToCallData("payInvoiceExact(uint256,uint256,address,uint256,string)");

        // The dry run is the module paying it: its answer is what this payment will cost after the coupon and points.
        string Summary(byte[] dryRun)
        {
            var reader = new AbiReader(dryRun, "payInvoice");
            var (_, discount, earned) = (reader.ReadUInt256("paid"), reader.ReadUInt256("discount"), reader.ReadUInt256("pointsEarned"));
            var memo = invoice.Memo.Length > 0 ? $" ({invoice.Memo})" : string.Empty;
            var price = discount.IsZero ? string.Empty : $": {amount} less {TokenAmount.Format(discount, decimals)} {token.Symbol} with {extras}";
            var reward = earned.IsZero ? string.Empty : $"; earns {earned} points";
            return $"Pay invoice {id}{memo} to merchant {names.Describe(invoice.Merchant)}: you pay {TokenAmount.Format(due, decimals)} {token.Symbol}{price}{reward}";
        }

        var outcome = await Transactor.ExecuteAsync(session, who, module, data, Summary, ct).ConfigureAwait(false);
        var paid = await MerchantCalls.GetInvoiceAsync(session, module, id, ct).ConfigureAwait(false);
        var done = $"Paid invoice {id}: {TokenAmount.Format(paid.PaidAmount, decimals)} {token.Symbol} to {paid.Merchant.ToChecksumString()}"
            + (paid.Discount == UInt256.Zero ? "." : $" ({TokenAmount.Format(paid.Discount, decimals)} {token.Symbol} off {amount}).");
        return Transactor.Print(session, outcome, done, new JsonObject
        {
            ["id"] = id,
            ["to"] = paid.Merchant.ToChecksumString(),
            ["token"] = token.Symbol,
            ["amount"] = TokenAmount.Format(paid.PaidAmount, decimals),
            ["invoiceAmount"] = TokenAmount.Format(paid.Amount, decimals),
            ["discount"] = TokenAmount.Format(paid.Discount, decimals),
        });
    }
}
