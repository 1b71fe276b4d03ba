using System.Buffers.Binary;
using Ledger.Contracts.Identity;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Settlement;

/// <summary>
/// Atomic FX payment-versus-payment: the payer submits a quote its FX provider signed off-ledger (EIP-712); both
/// legs — payAmount + fee of payToken payer → provider, receiveAmount of receiveToken provider → beneficiary —
/// happen in this one transaction or not at all. The fee is paid on top of payAmount, in payToken.
/// </summary>
public sealed partial class SettlementModule
{
    private const string SettleSignature = "settle(" + FxQuote.AbiTypes + ",bytes)";

    private EventDefinition _fxSettled = null!;

    private void RegisterFx()
    {
        _fxSettled = DeclareEvent("FxSettled(bytes32,address,address,address,address,address,uint256,uint256,uint256,uint256,uint256,bytes32)");
        Register(SettleSignature, 150_000, Settle);
        Register("hashQuote(" + FxQuote.AbiTypes + ")", 5_000, HashQuote, view: true);
        Register("domainSeparator()", 2_000, (c, ref _) => Domain(c.ChainId).Separator().ToArray(), view: true);
        Register("isNonceUsed(address,uint256)", 2_600, IsNonceUsed, view: true);
    }

    private byte[] HashQuote(IModuleContext context, ref AbiReader args) => FxQuote.Read(ref args).Digest(Domain(context.ChainId)).ToArray();

    private byte[] IsNonceUsed(IModuleContext context, ref AbiReader args)
    {
        var provider = args.ReadAddress("provider");
        var nonce = args.ReadUInt256("nonce");
        return AbiWriter.EncodeBool(context.GetStorage(context.Self, SettlementStorage.NonceKey(provider, nonce)) is not null);
    }

    private byte[] Settle(IModuleContext context, ref AbiReader args)
    {
        var quote = FxQuote.Read(ref args);
        var signature = args.ReadBytes("signature");
        var digest = quote.Digest(Domain(context.ChainId));
        CheckQuote(context, quote, digest, signature);

        var payToken = TokenOf(quote.PayToken, "payToken");
        var receiveToken = TokenOf(quote.ReceiveToken, "receiveToken");
        Require(payToken != receiveToken, $"payToken and receiveToken are both {payToken.Symbol}; an FX quote exchanges two different tokens");
        RequirePositive(payToken, quote.PayAmount, "settle");
        RequirePositive(receiveToken, quote.ReceiveAmount, "settle");
        CheckRate(context, quote, payToken, receiveToken);
        if (!UInt256.TryAdd(quote.PayAmount, quote.Fee, out var payerTotal))
        {
            throw Revert("payAmount + fee overflows uint256");
        }

        RequireParties(context, payToken, quote.Payer, quote.Beneficiary, "the payment from payer to beneficiary");
        CheckPayerLeg(context, payToken, quote, payerTotal);
        CheckProviderLeg(context, receiveToken, quote);

        Span<byte> block = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(block, context.BlockNumber);
        context.SetStorage(SettlementStorage.NonceKey(quote.Provider, quote.Nonce), block);
        MoveBetween(context, payToken, quote.Payer, quote.Provider, payerTotal, "the payer's leg (payAmount + fee to the provider)");
        MoveBetween(context, receiveToken, quote.Provider, quote.Beneficiary, quote.ReceiveAmount, "the provider's leg (receiveAmount to the beneficiary)");
        Emit(
            context,
            _fxSettled,
            new AbiWriter(9)
                .WriteAddress(quote.Provider)
                .WriteAddress(quote.PayToken)
                .WriteAddress(quote.ReceiveToken)
                .WriteUInt256(quote.PayAmount)
                .WriteUInt256(quote.ReceiveAmount)
                .WriteUInt256(quote.Fee)
                .WriteUInt256(quote.Rate)
                .WriteUInt256(quote.Nonce)
                .WriteBytes32(quote.TravelRuleRef)
                .ToArray(),
            digest,
            AbiTopic.FromAddress(quote.Payer),
            AbiTopic.FromAddress(quote.Beneficiary));
        return digest.ToArray();
    }

    /// <summary>Who may settle, who signed, whether the signer quotes FX, whether the quote is still fresh and unused.</summary>
    private void CheckQuote(IModuleContext context, FxQuote quote, Hash32 digest, ReadOnlySpan<byte> signature)
    {
        if (context.Caller != quote.Payer)
        {
            throw Revert(
                $"only the payer {quote.Payer.ToChecksumString()} of this quote may settle it; the caller is {context.Caller.ToChecksumString()}");
        }

        if (!Eip712.TryRecover(digest, signature, out var signer, out var error))
        {
            throw Revert($"the quote signature is invalid: {error}");
        }

        if (signer != quote.Provider)
        {
            throw Revert(
                $"the quote is not signed by its provider {quote.Provider.ToChecksumString()}: the signature recovers to {signer.ToChecksumString()} " +
                "(a field was changed after signing, or another key signed it)");
        }

        if (ProviderBank(context, quote.Provider) < 0)
        {
            throw Revert(
                $"{quote.Provider.ToChecksumString()} is not an FX provider: only a bank's operator or compliance officer may quote FX");
        }

        var now = NowSeconds(context);
        if (now > quote.Expiry)
        {
            throw Revert($"quote expired at {IdentityRegistry.FormatTime(quote.Expiry)} (block time {IdentityRegistry.FormatTime(now)})");
        }

        if (context.GetStorage(context.Self, SettlementStorage.NonceKey(quote.Provider, quote.Nonce)) is { Length: 8 } used)
        {
            throw Revert(
                $"quote nonce {quote.Nonce} of provider {quote.Provider.ToChecksumString()} was already used at block {BinaryPrimitives.ReadUInt64BigEndian(used)}; " +
                "each quote settles once");
        }
    }

    /// <summary>The payer's leg must go through now, whole: no refusal and no guardian hold.</summary>
    private void CheckPayerLeg(IModuleContext context, TokenInfo payToken, FxQuote quote, UInt256 payerTotal)
    {
        var verdict = _policy.Evaluate(context, payToken, quote.Payer, quote.Provider, payerTotal);
        if (!verdict.IsAllowed)
        {
            throw Revert($"the payer's leg ({payToken.Format(payerTotal)} incl. fee to the provider) is refused: " +
                _policy.Describe(context, payToken, verdict, quote.Payer, quote.Provider, payerTotal));
        }

        if (verdict.Rule == Compliance.TransferRule.Held)
        {
            throw Revert($"the payer's leg cannot be settled atomically: {_policy.Describe(context, payToken, verdict, quote.Payer, quote.Provider, payerTotal)}");
        }
    }

    /// <summary>The provider's leg: enough of the receive token, a standing allowance to this module, and no refusal or hold.</summary>
    private void CheckProviderLeg(IModuleContext context, TokenInfo receiveToken, FxQuote quote)
    {
        var amount = quote.ReceiveAmount;
        var verdict = _policy.Evaluate(context, receiveToken, quote.Provider, quote.Beneficiary, amount);
        if (verdict.Rule == Compliance.TransferRule.InsufficientBalance)
        {
            throw Revert(
                $"provider {quote.Provider.ToChecksumString()} is short of {receiveToken.Symbol}: it holds {receiveToken.Format(verdict.FromBalance)} " +
                $"and the quote pays out {receiveToken.Format(amount)}");
        }

        if (!verdict.IsAllowed || verdict.Rule == Compliance.TransferRule.Held)
        {
            throw Revert($"the provider's leg ({receiveToken.Format(amount)} to the beneficiary) is refused: " +
                _policy.Describe(context, receiveToken, verdict, quote.Provider, quote.Beneficiary, amount));
        }

        Span<byte> key = stackalloc byte[ModuleStorage.PairKeyLength];
        ModuleStorage.WriteKey(key, Tokens.TokenStorage.AllowanceTag, quote.Provider, Address);
        var stored = context.GetStorage(receiveToken.Address, key);
        var allowance = stored is null ? UInt256.Zero : UInt256.FromBigEndianVariable(stored);
        if (allowance < amount)
        {
            throw Revert(
                $"provider {quote.Provider.ToChecksumString()} has allowed the Settlement module only {receiveToken.Format(allowance)} of {receiveToken.Symbol} " +
                $"and the quote pays out {receiveToken.Format(amount)}: the provider must approve({Address.ToChecksumString()}, amount) on {receiveToken.Symbol} first");
        }
    }
}
