using System.Globalization;
using System.Numerics;
using Ledger.Contracts.Identity;
using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts.Settlement;

/// <summary>
/// A quote's rate against its provider's board: the board rate for (payToken's currency, receiveToken's currency)
/// must exist and not be stale, the quote's rate must lie within <see cref="RateToleranceBps"/> of it, and the
/// amounts must follow from the rate: receiveAmount = floor(payAmount × rate / 1e18), in each token's base units.
/// </summary>
public sealed partial class SettlementModule
{
    private static void CheckRate(IModuleContext context, FxQuote quote, TokenInfo payToken, TokenInfo receiveToken)
    {
        var payCurrency = CurrencyOf(context, payToken);
        var receiveCurrency = CurrencyOf(context, receiveToken);
        var pair = $"{payCurrency}/{receiveCurrency}";
        if (payCurrency == receiveCurrency)
        {
            throw Revert($"payToken {payToken.Symbol} and receiveToken {receiveToken.Symbol} are both {payCurrency}; an FX quote exchanges two currencies");
        }

        var (boardRate, _, validUntil) = ReadRate(context, quote.Provider, payCurrency, receiveCurrency);
        if (boardRate.IsZero)
        {
            throw Revert(
                $"provider {quote.Provider.ToChecksumString()} has posted no {pair} rate (payToken {payToken.Symbol} is {payCurrency}, " +
                $"receiveToken {receiveToken.Symbol} is {receiveCurrency}); it must postRate(\"{payCurrency}\", \"{receiveCurrency}\", …) first");
        }

        var now = NowSeconds(context);
        if (now > validUntil)
        {
            throw Revert(
                $"the {pair} board rate {FormatRate(boardRate)} of provider {quote.Provider.ToChecksumString()} is stale: it was valid until " +
                $"{IdentityRegistry.FormatTime(validUntil)} (block time {IdentityRegistry.FormatTime(now)}); the provider must post a fresh rate");
        }

        var board = boardRate.ToBigInteger();
        var quoted = quote.Rate.ToBigInteger();
        if (BigInteger.Abs(quoted - board) * 10_000 > board * RateToleranceBps)
        {
            throw Revert(
                $"quote rate {FormatRate(quote.Rate)} {pair} is more than {RateToleranceBps} bps from provider {quote.Provider.ToChecksumString()}'s " +
                $"board rate {FormatRate(boardRate)}");
        }

        var expected = quote.PayAmount.ToBigInteger() * quoted * BigInteger.Pow(10, receiveToken.Decimals)
            / (RateScale.ToBigInteger() * BigInteger.Pow(10, payToken.Decimals));
        if (expected != quote.ReceiveAmount.ToBigInteger())
        {
            var shown = UInt256.TryFromBigInteger(expected, out var value) ? receiveToken.Format(value) : expected.ToString(CultureInfo.InvariantCulture);
            throw Revert(
                $"receiveAmount {receiveToken.Format(quote.ReceiveAmount)} does not follow from the quote: payAmount {payToken.Format(quote.PayAmount)} × rate " +
                $"{FormatRate(quote.Rate)} = {shown} (rounded down to base units)");
        }
    }

    /// <summary>"0.92" for 920000000000000000: the rate as a decimal number.</summary>
    public static string FormatRate(UInt256 rate)
    {
        var value = rate.ToBigInteger();
        var scale = RateScale.ToBigInteger();
        var whole = BigInteger.DivRem(value, scale, out var fraction);
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (fraction.IsZero)
        {
            return text;
        }

        return text + "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(18, '0').TrimEnd('0');
    }
}
