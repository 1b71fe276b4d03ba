using System.Globalization;
using System.Text.Json.Nodes;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Wallet.Cli;

namespace Ledger.Wallet.Quotes;

/// <summary>
/// An FX quote of the Settlement module (ISettlement.sol): the provider promises that <see cref="PayAmount"/> (+ fee)
/// of the payer's <see cref="PayToken"/> buys <see cref="ReceiveAmount"/> of <see cref="ReceiveToken"/> for the
/// beneficiary, at <see cref="Rate"/> (18 decimals), until <see cref="Expiry"/>. It is EIP-712 typed data signed by
/// the provider; the payer's wallet verifies the signature before showing it, and the module checks it again.
/// </summary>
public sealed record FxQuote(
    ulong ChainId,
    Address Settlement,
    Address Provider,
    Address Payer,
    Address Beneficiary,
    Address PayToken,
    Address ReceiveToken,
    UInt256 PayAmount,
    UInt256 ReceiveAmount,
    UInt256 Fee,
    UInt256 Rate,
    ulong Expiry,
    UInt256 Nonce,
    Hash32 TravelRuleRef)
{
    /// <summary>1.0 in the module's 18-decimal fixed point.</summary>
    public static readonly System.Numerics.BigInteger RateOne = System.Numerics.BigInteger.Pow(10, 18);

    private static readonly Eip712Types Types = new(new Dictionary<string, IReadOnlyList<Eip712Field>>
    {
        ["FxQuote"] =
        [
            new("provider", "address"),
            new("payer", "address"),
            new("beneficiary", "address"),
            new("payToken", "address"),
            new("receiveToken", "address"),
            new("payAmount", "uint256"),
            new("receiveAmount", "uint256"),
            new("fee", "uint256"),
            new("rate", "uint256"),
            new("expiry", "uint64"),
            new("nonce", "uint256"),
            new("travelRuleRef", "bytes32"),
        ],
    });

    /// <summary>floor(payAmount × rate / 1e18), in base units: what the module requires the receive amount to be.</summary>
    public static UInt256 Convert(UInt256 payAmount, UInt256 rate) =>
        UInt256.FromBigInteger(payAmount.ToBigInteger() * rate.ToBigInteger() / RateOne);

    /// <summary>The EIP-712 digest the provider signs (domain "Ledger Settlement", version "1").</summary>
    public Hash32 Digest()
    {
        var domain = new Eip712Domain("Ledger Settlement", "1", ChainId, Settlement);
        var message = Types.HashStruct("FxQuote", new Dictionary<string, object?>
        {
            ["provider"] = Provider,
            ["payer"] = Payer,
            ["beneficiary"] = Beneficiary,
            ["payToken"] = PayToken,
            ["receiveToken"] = ReceiveToken,
            ["payAmount"] = PayAmount,
            ["receiveAmount"] = ReceiveAmount,
            ["fee"] = Fee,
            ["rate"] = Rate,
            ["expiry"] = Expiry,
            ["nonce"] = Nonce,
            ["travelRuleRef"] = TravelRuleRef,
        });
        return Eip712.Digest(domain.Separator(), message);
    }

    public byte[] Sign(ReadOnlySpan<byte> providerKey) => Eip712.Sign(Digest(), providerKey);

    /// <summary>Checks that <paramref name="signature"/> is the provider's over this quote; a clear rejection otherwise.</summary>
    public void Verify(byte[] signature)
    {
        if (!Eip712.TryRecover(Digest(), signature, out var signer, out var error))
        {
            throw WalletException.Rejected($"the quote's signature is invalid: {error}; ask the provider for a new quote");
        }

        if (signer != Provider)
        {
            throw WalletException.Rejected($"the quote was signed by {signer.ToChecksumString()}, not by its provider {Provider.ToChecksumString()}; do not pay it");
        }
    }

    public JsonObject ToJson(byte[] signature, string payTokenSymbol, string receiveTokenSymbol) => new()
    {
        ["type"] = "ledger-fx-quote",
        ["chainId"] = ChainId,
        ["settlement"] = Settlement.ToChecksumString(),
        ["provider"] = Provider.ToChecksumString(),
        ["payer"] = Payer.ToChecksumString(),
        ["beneficiary"] = Beneficiary.ToChecksumString(),
        ["payToken"] = PayToken.ToChecksumString(),
        ["payTokenSymbol"] = payTokenSymbol,
        ["receiveToken"] = ReceiveToken.ToChecksumString(),
        ["receiveTokenSymbol"] = receiveTokenSymbol,
        ["payAmount"] = PayAmount.ToString(),
        ["receiveAmount"] = ReceiveAmount.ToString(),
        ["fee"] = Fee.ToString(),
        ["rate"] = Rate.ToString(),
        ["expiry"] = Expiry,
        ["nonce"] = Nonce.ToString(),
        ["travelRuleRef"] = TravelRuleRef.ToString(),
        ["signature"] = Hex.Encode(signature),
    };

    /// <summary>Reads a quote file; every field is checked, and a missing or malformed one is named.</summary>
    public static (FxQuote Quote, byte[] Signature) FromJson(JsonNode? json, string source)
    {
        if (json is not JsonObject o || o["type"]?.GetValue<string>() != "ledger-fx-quote")
        {
            throw WalletException.Usage($"{source} is not a Ledger FX quote (made by `bank sign-quote`)");
        }

        string Text(string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw WalletException.Usage($"{source}: the quote has no valid '{name}'");
        ulong Number(string name) => o[name] is JsonValue v && v.TryGetValue<ulong>(out var n) ? n : throw WalletException.Usage($"{source}: the quote has no valid '{name}'");
        Address Addr(string name) => Address.TryParse(Text(name), out var a) ? a : throw WalletException.Usage($"{source}: the quote's '{name}' is not an address");
        UInt256 Big(string name) => System.Numerics.BigInteger.TryParse(Text(name), NumberStyles.None, CultureInfo.InvariantCulture, out var b) && UInt256.TryFromBigInteger(b, out var u)
            ? u
            : throw WalletException.Usage($"{source}: the quote's '{name}' is not a whole number");
        var quote = new FxQuote(
            Number("chainId"),
            Addr("settlement"),
            Addr("provider"),
            Addr("payer"),
            Addr("beneficiary"),
            Addr("payToken"),
            Addr("receiveToken"),
            Big("payAmount"),
            Big("receiveAmount"),
            Big("fee"),
            Big("rate"),
            Number("expiry"),
            Big("nonce"),
            Hash32.TryParse(Text("travelRuleRef"), out var reference) ? reference : throw WalletException.Usage($"{source}: the quote's 'travelRuleRef' is not 32 bytes of hex"));
        var signature = Hex.TryDecode(Text("signature"), out var bytes) ? bytes : throw WalletException.Usage($"{source}: the quote's 'signature' is not hex");
        return (quote, signature);
    }
}
