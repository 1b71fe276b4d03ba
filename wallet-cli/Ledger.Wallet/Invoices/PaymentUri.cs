using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;

namespace Ledger.Wallet.Invoices;

/// <summary>
/// An EIP-681 ERC-20 payment request: <c>ethereum:TOKEN@CHAINID/transfer?address=TO&amp;uint256=BASEUNITS</c>, the form
/// wallets such as MetaMask read from a QR code. The amount is in base units; EIP-681's <c>2.5e3</c> form is accepted.
/// </summary>
public sealed partial record PaymentUri(Address Token, ulong ChainId, Address Recipient, UInt256 Amount)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"ethereum:{Token.ToChecksumString()}@{ChainId}/transfer?address={Recipient.ToChecksumString()}&uint256={Amount}");

    /// <summary>Parses a request; a usage <see cref="WalletException"/> says which part is wrong.</summary>
    public static PaymentUri Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Shape().Match(text.Trim());
        if (!match.Success)
        {
            throw WalletException.Usage($"'{text}' is not a payment request: expected ethereum:TOKEN@CHAINID/transfer?address=0x…&uint256=AMOUNT (EIP-681)");
        }

        if (!Address.TryParse(match.Groups["token"].Value, out var token))
        {
            throw WalletException.Usage($"the payment request's token '{match.Groups["token"].Value}' is not an address");
        }

        if (!ulong.TryParse(match.Groups["chain"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var chainId))
        {
            throw WalletException.Usage($"the payment request's chain id '{match.Groups["chain"].Value}' is not a number");
        }

        string? to = null;
        string? amount = null;
        foreach (var pair in match.Groups["query"].Value.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            switch (key)
            {
                case "address":
                    to = value;
                    break;
                case "uint256":
                    amount = value;
                    break;
                default:
                    break; // EIP-681 allows other parameters (gas hints); the wallet decides those itself.
            }
        }

        var recipient = to is not null
            ? Lookup.ParseAddress(to, "the payment request's recipient")
            : throw WalletException.Usage("the payment request has no recipient (address=0x…)");
        return new PaymentUri(token, chainId, recipient, ParseAmount(amount ?? throw WalletException.Usage("the payment request has no amount (uint256=…)")));
    }

    private static UInt256 ParseAmount(string text)
    {
        var match = Number().Match(text);
        if (!match.Success)
        {
            throw WalletException.Usage($"the payment request's amount '{text}' is not a number of base units");
        }

        var digits = match.Groups["whole"].Value + match.Groups["fraction"].Value;
        var exponent = match.Groups["exp"].Success ? int.Parse(match.Groups["exp"].Value, CultureInfo.InvariantCulture) : 0;
        exponent -= match.Groups["fraction"].Value.Length;
        if (exponent < 0 || exponent > 77)
        {
            throw WalletException.Usage($"the payment request's amount '{text}' is not a whole number of base units");
        }

        var value = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) * BigInteger.Pow(10, exponent);
        return value.IsZero
            ? throw WalletException.Usage("the payment request's amount is zero")
            : UInt256.TryFromBigInteger(value, out var result) ? result : throw WalletException.Usage($"the payment request's amount '{text}' is too large");
    }

    [GeneratedRegex(@"^ethereum:(?:pay-)?(?<token>0x[0-9a-fA-F]{40})@(?<chain>[0-9]{1,20})/transfer\?(?<query>.+)$")]
    private static partial Regex Shape();

    [GeneratedRegex(@"^(?<whole>[0-9]+)(?:\.(?<fraction>[0-9]+))?(?:[eE](?<exp>[0-9]{1,2}))?$")]
    private static partial Regex Number();
}
