using System.Text.Json.Nodes;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Wallet.Amounts;
using Ledger.Wallet.Quotes;

namespace Ledger.Wallet.Cli.Settlement;

/// <summary>
/// <c>send --quote FILE</c>: a cross-border payment against a provider's signed FX quote. The wallet checks the
/// quote (signature, chain, module, payer, expiry, arithmetic) before it shows rate, fee and what the beneficiary
/// receives; the Settlement module then moves both legs in one transaction, or neither.
/// </summary>
internal static class QuotePayment
{
    public static async Task<int> PayAsync(WalletSession session, Signer signer, FileInfo file, CancellationToken ct)
    {
        if (!file.Exists)
        {
            throw WalletException.Usage($"the quote file {file.FullName} does not exist");
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(await File.ReadAllTextAsync(file.FullName, ct).ConfigureAwait(false));
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw WalletException.Usage($"{file.FullName} is not JSON ({ex.Message}); a quote file comes from `bank sign-quote`");
        }

        var (quote, signature) = FxQuote.FromJson(json, file.FullName);
        var payer = Lookup.Account(session, signer.Account);
        var chain = await session.Client.GetChainInfoAsync(ct).ConfigureAwait(false);
        var module = await ModuleCalls.AddressOfAsync(session, ModuleCalls.Settlement, ct).ConfigureAwait(false);
        if (quote.ChainId != chain.ChainId || quote.Settlement != module)
        {
            throw WalletException.Usage($"the quote is for chain {quote.ChainId} and settlement {quote.Settlement.ToChecksumString()}, not this node's ({chain.ChainId}, {module.ToChecksumString()}); nothing was paid");
        }

        if (quote.Payer != payer.Address)
        {
            throw WalletException.Usage($"the quote is for payer {quote.Payer.ToChecksumString()}, not '{payer.Name}' {payer.Address.ToChecksumString()}; nothing was paid");
        }

        quote.Verify(signature);
        if (FxQuote.Convert(quote.PayAmount, quote.Rate) != quote.ReceiveAmount)
        {
            throw WalletException.Rejected("the quote's receive amount does not match its amount and rate; ask the provider for a new quote");
        }

        var head = await session.Client.GetBlockAsync(null, ct).ConfigureAwait(false);
        if (head.TimestampMs / 1000 >= quote.Expiry)
        {
            throw WalletException.Rejected($"the quote expired at {Durations.FormatUnix(quote.Expiry)}; ask the provider for a new one; nothing was paid");
        }

        var tokens = await session.Client.GetTokensAsync(ct).ConfigureAwait(false);
        var pay = Merchant.MerchantCalls.TokenAt(tokens, quote.PayToken);
        var receive = Merchant.MerchantCalls.TokenAt(tokens, quote.ReceiveToken);
        string P(UInt256 v) => $"{TokenAmount.Format(v, (int)pay.Decimals)} {pay.Symbol}";
        var receives = $"{TokenAmount.Format(quote.ReceiveAmount, (int)receive.Decimals)} {receive.Symbol}";
        var total = UInt256.FromBigInteger(quote.PayAmount.ToBigInteger() + quote.Fee.ToBigInteger());
        var rate = $"1 {pay.Currency} = {TokenAmount.Format(quote.Rate, 18).TrimEnd('0').TrimEnd('.')} {receive.Currency}";
        var names = await Names.LoadAsync(session, node: false, ct).ConfigureAwait(false);
        await names.AddAliasesAsync(session, [quote.Beneficiary, quote.Provider], ct).ConfigureAwait(false);
        var summary = $"Cross-border payment: you pay {P(quote.PayAmount)} + fee {P(quote.Fee)} = {P(total)} to the FX provider {names.Describe(quote.Provider)} at {rate};\n"
            + $"  the provider pays beneficiary {names.Describe(quote.Beneficiary)} {receives}; both legs settle together or not at all; quote valid until {Durations.FormatUnix(quote.Expiry)}";

        var data = new AbiWriter(13)
            .WriteAddress(quote.Provider).WriteAddress(quote.Payer).WriteAddress(quote.Beneficiary).WriteAddress(quote.PayToken).WriteAddress(quote.ReceiveToken)
            .WriteUInt256(quote.PayAmount).WriteUInt256(quote.ReceiveAmount).WriteUInt256(quote.Fee).WriteUInt256(quote.Rate)
            .WriteUInt64(quote.Expiry).WriteUInt256(quote.Nonce).WriteBytes32(quote.TravelRuleRef).WriteBytes(signature)
            .ToCallData("settle(address,address,address,address,address,uint256,uint256,uint256,uint256,uint64,uint256,bytes32,bytes)");
        var outcome = await Transactor.ExecuteAsync(session, signer, module, data, summary, ct).ConfigureAwait(false);
        return Transactor.Print(session, outcome, $"Settled: paid {P(total)}; {quote.Beneficiary.ToChecksumString()} received {receives} at {rate}.", new JsonObject
        {
            ["quoteHash"] = quote.Digest().ToString(),
            ["paid"] = TokenAmount.Format(total, (int)pay.Decimals),
            ["payToken"] = pay.Symbol,
            ["fee"] = TokenAmount.Format(quote.Fee, (int)pay.Decimals),
            ["received"] = TokenAmount.Format(quote.ReceiveAmount, (int)receive.Decimals),
            ["receiveToken"] = receive.Symbol,
            ["beneficiary"] = quote.Beneficiary.ToChecksumString(),
            ["rate"] = TokenAmount.Format(quote.Rate, 18),
        });
    }
}
