using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Settlement;

/// <summary>
/// An FX quote as the provider signs it (EIP-712 primary type <see cref="EncodedType"/>). Flat, so that its
/// encodeData is twelve 32-byte words and a wallet can pass the same fields as plain call arguments.
/// </summary>
public sealed record FxQuote(
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
    public const string EncodedType =
        "FxQuote(address provider,address payer,address beneficiary,address payToken,address receiveToken,uint256 payAmount," +
        "uint256 receiveAmount,uint256 fee,uint256 rate,uint64 expiry,uint256 nonce,bytes32 travelRuleRef)";

    /// <summary>The ABI types of the twelve fields, in order (the prefix of settle's and hashQuote's signatures).</summary>
    public const string AbiTypes = "address,address,address,address,address,uint256,uint256,uint256,uint256,uint64,uint256,bytes32";

    public static readonly Hash32 TypeHash = Eip712.TypeHash(EncodedType);

    private const int Fields = 12;

    /// <summary>Reads the twelve quote fields from call arguments.</summary>
    public static FxQuote Read(ref AbiReader args) => new(
        args.ReadAddress("provider"),
        args.ReadAddress("payer"),
        args.ReadAddress("beneficiary"),
        args.ReadAddress("payToken"),
        args.ReadAddress("receiveToken"),
        args.ReadUInt256("payAmount"),
        args.ReadUInt256("receiveAmount"),
        args.ReadUInt256("fee"),
        args.ReadUInt256("rate"),
        args.ReadUInt64("expiry"),
        args.ReadUInt256("nonce"),
        new Hash32(args.ReadBytes32("travelRuleRef")));

    /// <summary>hashStruct(quote): keccak256(typeHash ‖ the twelve fields as 32-byte words).</summary>
    public Hash32 StructHash()
    {
        var words = new AbiWriter(Fields)
            .WriteAddress(Provider)
            .WriteAddress(Payer)
            .WriteAddress(Beneficiary)
            .WriteAddress(PayToken)
            .WriteAddress(ReceiveToken)
            .WriteUInt256(PayAmount)
            .WriteUInt256(ReceiveAmount)
            .WriteUInt256(Fee)
            .WriteUInt256(Rate)
            .WriteUInt64(Expiry)
            .WriteUInt256(Nonce)
            .WriteBytes32(TravelRuleRef)
            .ToArray();
        return Eip712.HashStruct(TypeHash, words);
    }

    /// <summary>The digest the provider signs under <paramref name="domain"/>.</summary>
    public Hash32 Digest(Eip712Domain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return Eip712.Digest(domain.Separator(), StructHash());
    }
}
