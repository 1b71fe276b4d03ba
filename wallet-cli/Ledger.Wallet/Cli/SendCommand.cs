using System.CommandLine;
using System.Text.Json.Nodes;
using Ledger.Api.V1;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Wallet.Amounts;
using Ledger.Wallet.Keys;

namespace Ledger.Wallet.Cli;

/// <summary>
/// <c>send</c>: an ERC-20 transfer of a deposit token, signed here and submitted to the node, then watched until
/// final. Checks what it can before asking for the password (token, amount, balance), so a mistake costs nothing.
/// </summary>
internal static class SendCommand
{
    /// <summary>Intrinsic 21,000 plus the token's fixed 30,000 for transfer, with headroom for module changes.</summary>
    internal const ulong TransferGasLimit = 100_000;

    public static Command Create(CommandContext context)
    {
        var account = Lookup.AccountOption(required: true);
        var toArgument = new Argument<string?>("to") { Description = "Recipient address or contact (or use --to).", Arity = ArgumentArity.ZeroOrOne };
        var amountArgument = new Argument<string?>("amount") { Description = "Amount in whole units, e.g. 12.5 (or use --amount).", Arity = ArgumentArity.ZeroOrOne };
        var tokenArgument = new Argument<string?>("token") { Description = "Token symbol, e.g. USDA (or use --token).", Arity = ArgumentArity.ZeroOrOne };
        var to = new Option<string>("--to") { Description = "Recipient: a 0x address (EIP-55 checksum checked when mixed case), an alias such as anna@bank-a, or a contact name." };
        var amount = new Option<string>("--amount") { Description = "Amount in whole units with decimals, e.g. 12.5." };
        var token = new Option<string>("--token") { Description = "Token symbol (USDA, EURB, …) or address." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (scripts)." };
        var passwordFile = new Option<FileInfo>("--password-file") { Description = $"Read the account's password from FILE (else ${PasswordSource.EnvironmentVariable}, else a prompt)." };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the node accepted the transaction, without waiting for its block." };
        var quote = new Option<FileInfo>("--quote") { Description = "Pay cross-border against an FX quote FILE from the provider (`bank sign-quote`); the quote fixes recipient, amounts and tokens." };
        var allowSelf = new Option<bool>("--allow-self") { Description = "Allow a payment to this same account (it moves nothing; refused without this)." };
        var command = new Command(
            "send",
            "Pay someone: shows what will happen, asks to confirm (unless --yes), signs locally, waits until final and prints the receipt.\n\nExamples:\n"
            + "  ledger-wallet send --account alice 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 12.5 USDA\n"
            + "  ledger-wallet send --account alice --to 0x7099…79C8 --amount 12.5 --token USDA --yes --json --password-file pw.txt\n"
            + "  ledger-wallet send --account alice --to anna@bank-b --amount 20 --token EURA\n"
            + "  ledger-wallet send --account alice --quote quote.json   (cross-border, against a provider's FX quote)")
        {
            toArgument, amountArgument, tokenArgument, account, to, amount, token, yes, passwordFile, noWait, quote, allowSelf,
        };
        command.SetAction((parse, ct) => WalletCli.Run(context, parse, async session =>
        {
            if (parse.GetValue(quote) is { } quoteFile)
            {
                if (new[] { parse.GetValue(to), parse.GetValue(toArgument), parse.GetValue(amount), parse.GetValue(amountArgument), parse.GetValue(token), parse.GetValue(tokenArgument) }.Any(v => v is not null))
                {
                    throw WalletException.Usage("--quote fixes the recipient, amount and tokens; give no recipient, amount or token with it");
                }

                return await Settlement.QuotePayment.PayAsync(session, new Signer(parse.GetRequiredValue(account), parse.GetValue(yes), parse.GetValue(passwordFile)), quoteFile, ct).ConfigureAwait(false);
            }

            var toText = Either(parse.GetValue(to), parse.GetValue(toArgument), "recipient", "--to");
            var amountText = Either(parse.GetValue(amount), parse.GetValue(amountArgument), "amount", "--amount");
            var tokenText = Either(parse.GetValue(token), parse.GetValue(tokenArgument), "token", "--token");
            return await PayAsync(
                session,
                new PaymentRequest(parse.GetRequiredValue(account), toText, tokenText, token => TokenAmount.Parse(amountText, (int)token.Decimals, token.Symbol), null),
                parse.GetValue(yes),
                parse.GetValue(passwordFile),
                parse.GetValue(noWait),
                ct,
                parse.GetValue(allowSelf)).ConfigureAwait(false);
        }));
        return command;
    }

    /// <summary>
    /// The payment flow shared by <c>send</c> and <c>invoice pay</c>: resolve, check the balance, confirm, sign,
    /// submit, wait until final, print the receipt.
    /// </summary>
    internal static async Task<int> PayAsync(WalletSession session, PaymentRequest request, bool yes, FileInfo? passwordFile, bool noWait, CancellationToken ct, bool allowSelf = false)
    {
        var sender = Lookup.Account(session, request.Account);
        var recipient = await Lookup.RecipientAsync(session, request.To, ct).ConfigureAwait(false);
        if (recipient == sender.Address && !allowSelf)
        {
            throw WalletException.Usage(
                $"'{sender.Name}' would pay itself ({recipient.ToChecksumString()}): a payment to yourself moves nothing; add --allow-self if you mean it; nothing was sent");
        }

        var client = session.Client;
        var chain = await client.GetChainInfoAsync(ct).ConfigureAwait(false);
        if (request.ChainId is { } expectedChain && expectedChain != chain.ChainId)
        {
            throw WalletException.Usage($"the payment request is for chain {expectedChain}, but the node runs chain {chain.ChainId}; nothing was sent");
        }

        var tokenInfo = Lookup.Token(await client.GetTokensAsync(ct).ConfigureAwait(false), request.Token);
        var decimals = (int)tokenInfo.Decimals;
        var value = request.Amount(tokenInfo);
        if (value.IsZero)
        {
            // A payment request (EIP-681 URI) may carry 0; typed amounts are refused as 0 already.
            throw WalletException.Usage($"the amount must be more than zero (0 {tokenInfo.Symbol} moves nothing); nothing was sent");
        }
        var state = await client.GetAccountAsync(sender.Address, ct).ConfigureAwait(false);
        var balance = state.Balances.FirstOrDefault(b => b.Token.Symbol == tokenInfo.Symbol)?.Balance ?? "0";
        var available = UInt256.FromBigInteger(System.Numerics.BigInteger.Parse(balance, System.Globalization.CultureInfo.InvariantCulture));
        if (available.CompareTo(value) < 0)
        {
            throw WalletException.Rejected(
                $"insufficient balance: '{sender.Name}' has {TokenAmount.Format(available, decimals)} {tokenInfo.Symbol}, the payment needs {TokenAmount.Format(value, decimals)} {tokenInfo.Symbol}; nothing was sent");
        }

        var transfer = new AbiWriter(2).WriteAddress(recipient).WriteUInt256(value).ToCallData("transfer(address,uint256)");
        var dryRun = await client.ViewAsync(sender.Address, Address.Parse(tokenInfo.Address), transfer, ct).ConfigureAwait(false);
        if (!dryRun.Success)
        {
            // The token's own rule refuses it (frozen, unregistered, limit...): say why before any password prompt.
            throw WalletException.Rejected($"the payment failed: {RevertReasons.Explain(dryRun.RevertReason)} (checked before sending); no money moved");
        }

        var names = await Names.LoadAsync(session, node: false, ct).ConfigureAwait(false);
        if (!request.To.Contains('@', StringComparison.Ordinal))
        {
            await names.AddAliasesAsync(session, [recipient], ct).ConfigureAwait(false);
        }

        var payee = request.To.Contains('@', StringComparison.Ordinal) ? $"{request.To} {recipient.ToChecksumString()}" : names.Describe(recipient);
        var summary = $"Send {TokenAmount.Format(value, decimals)} {tokenInfo.Symbol} ({tokenInfo.Currency}, issued by {tokenInfo.Issuer}) from '{sender.Name}' {sender.Address.ToChecksumString()} to {payee}"
            + (await HoldNoticeAsync(session, tokenInfo, sender.Address, recipient, value, ct).ConfigureAwait(false) is { } hold ? $"\n  {hold}" : string.Empty);
        if (!yes)
        {
            Transactor.Confirm(session, summary, "Send?");
        }
        else if (!session.Json)
        {
            session.Error.WriteLine(summary);
        }

        var raw = Transactor.Sign(session, sender, passwordFile, new UnsignedTransaction
        {
            Type = TxType.DynamicFee,
            ChainId = chain.ChainId,
            Nonce = Submission.NextNonce(session, sender.Address, chain.ChainId, state),
            GasLimit = TransferGasLimit,
            To = Address.Parse(tokenInfo.Address),
            Data = transfer,
        });
        var hash = await Submission.SendAsync(session, sender, raw, summary, ct).ConfigureAwait(false);
        if (noWait)
        {
            return Print(session, hash, null, sender, recipient, tokenInfo, value);
        }

        using var progress = new Progress(session, $"Submitted {hash}; waiting until final");
        var receipt = await Submission.WaitAsync(session, hash, progress.Tick, ct).ConfigureAwait(false);
        progress.Done();
        return Print(session, hash, receipt, sender, recipient, tokenInfo, value);
    }

    /// <summary>
    /// What the consortium's transfer rule says about this payment (Compliance.canTransfer, the same rule the token
    /// applies): when it will be held for the sender's guardian, say so before signing, with the guardian and threshold.
    /// </summary>
    private static async Task<string?> HoldNoticeAsync(WalletSession session, Token token, Address from, Address to, UInt256 value, CancellationToken ct)
    {
        var modules = await session.Client.GetModulesAsync(ct).ConfigureAwait(false);
        if (modules.FirstOrDefault(m => m.Name == ModuleCalls.Compliance) is not { } compliance)
        {
            return null;
        }

        var call = new AbiWriter(4).WriteAddress(Address.Parse(token.Address)).WriteAddress(from).WriteAddress(to).WriteUInt256(value).ToCallData("canTransfer(address,address,address,uint256)");
        var response = await session.Client.ViewAsync(null, Address.Parse(compliance.Address), call, ct).ConfigureAwait(false);
        if (!response.Success)
        {
            return null;
        }

        var reader = new AbiReader(response.Output.Span, "canTransfer");
        var allowed = reader.ReadBool("allowed");
        var reason = reader.ReadString("reason");
        const string Held = "held for guardian approval: ";
        return allowed && reason.StartsWith(Held, StringComparison.Ordinal)
            ? $"It will be held for your guardian's approval, not paid at once: {reason[Held.Length..]}."
            : null;
    }

    private static string Either(string? option, string? argument, string what, string optionName)
    {
        if (option is not null && argument is not null && option != argument)
        {
            throw WalletException.Usage($"the {what} is given twice ({optionName} {option} and {argument}); give it once");
        }

        return option ?? argument ?? throw WalletException.Usage($"the {what} is missing: give {optionName} (see `send --help`)");
    }

    private static int Print(WalletSession session, Hash32 hash, TransactionReceipt? receipt, StoredAccount sender, Address recipient, Token token, UInt256 value)
    {
        var amount = TokenAmount.Format(value, (int)token.Decimals);
        var status = receipt is null ? "submitted" : receipt.Success ? "success" : "reverted";
        if (session.Json)
        {
            var json = new JsonObject
            {
                ["hash"] = hash.ToString(),
                ["status"] = status,
                ["from"] = sender.Address.ToChecksumString(),
                ["to"] = recipient.ToChecksumString(),
                ["token"] = token.Symbol,
                ["amount"] = amount,
                ["baseUnits"] = value.ToString(),
            };
            if (receipt is not null)
            {
                json["blockNumber"] = receipt.BlockNumber;
                json["blockHash"] = receipt.BlockHash;
                json["gasUsed"] = receipt.GasUsed;
                if (receipt.Success && Guardians.HeldTransfers.HeldIdIn(receipt, token.Address) is { } held)
                {
                    json["status"] = "held";
                    json["heldId"] = held;
                }
                if (!receipt.Success)
                {
                    json["error"] = RevertReasons.Explain(receipt.RevertReason);
                }
            }

            session.WriteJson(json);
        }
        else if (receipt is null)
        {
            session.Out.WriteLine($"Submitted {amount} {token.Symbol} to {recipient.ToChecksumString()}: {hash} (check with `tx status {hash}`)");
        }
        else if (receipt.Success && Guardians.HeldTransfers.HeldIdIn(receipt, token.Address) is { } heldId)
        {
            session.Out.WriteLine($"Held: {amount} {token.Symbol} to {recipient.ToChecksumString()} is above your guardian threshold and waits as held transfer {heldId}.");
            session.Out.WriteLine($"  your guardian approves it with: ledger-wallet approve {heldId} --token {token.Symbol} --account GUARDIAN");
            session.Out.WriteLine($"  transaction {hash}, block {receipt.BlockNumber}");
        }
        else if (receipt.Success)
        {
            session.Out.WriteLine($"Sent {amount} {token.Symbol} to {recipient.ToChecksumString()}");
            session.Out.WriteLine($"  transaction {hash}");
            session.Out.WriteLine($"  final in block {receipt.BlockNumber} ({receipt.BlockHash})");
        }

        if (receipt is { Success: false })
        {
            session.Error.WriteLine($"ledger-wallet: the payment failed: {RevertReasons.Explain(receipt.RevertReason)} (transaction {hash}, block {receipt.BlockNumber}); no money moved");
            return ExitCodes.Rejected;
        }

        return ExitCodes.Success;
    }
}
