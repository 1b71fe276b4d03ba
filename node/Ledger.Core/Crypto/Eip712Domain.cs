using Ledger.Core.Primitives;

namespace Ledger.Core.Crypto;

/// <summary>
/// An EIP-712 domain with the four fields Ledger's typed data uses (name, version, chainId, verifyingContract).
/// The separator binds a signature to one application, one chain and one contract, so a quote signed for the
/// dev chain cannot be replayed on the testnet or against another module.
/// </summary>
public sealed record Eip712Domain(string Name, string Version, ulong ChainId, Address VerifyingContract)
{
    /// <summary>The canonical encoding of the domain type, as EIP-712 defines it for these four fields.</summary>
    public const string EncodedType = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

    private static readonly Hash32 TypeHash = Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(EncodedType));

    /// <summary>hashStruct(domain) = keccak256(typeHash ‖ keccak256(name) ‖ keccak256(version) ‖ chainId ‖ verifyingContract).</summary>
    public Hash32 Separator()
    {
        Span<byte> encoded = stackalloc byte[5 * 32];
        encoded.Clear();
        TypeHash.WriteTo(encoded);
        Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(Name), encoded.Slice(32, 32));
        Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(Version), encoded.Slice(64, 32));
        new UInt256(ChainId).WriteBigEndian(encoded.Slice(96, 32));
        VerifyingContract.WriteTo(encoded.Slice(128 + 12, Address.Length));
        return Keccak256.Hash(encoded);
    }
}
