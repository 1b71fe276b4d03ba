using Ledger.Core.Primitives;

namespace Ledger.Core.Crypto;

/// <summary>
/// secp256k1 ECDSA as Ethereum uses it. <see cref="Ecdsa.Default"/> is the native libsecp256k1 implementation
/// (Secp256k1.Net) when it loads, else the managed port (NBitcoin.Secp256k1); both must agree bit for bit.
/// </summary>
public interface IEcdsa
{
    string Name { get; }

    /// <summary>
    /// Recovers the signer of a 32-byte message hash. Returns false (never throws) for any invalid
    /// signature: r or s zero or ≥ n, s in the upper half of the order (EIP-2), recovery id outside 0..1.
    /// </summary>
    bool TryRecoverAddress(ReadOnlySpan<byte> messageHash, ReadOnlySpan<byte> r, ReadOnlySpan<byte> s, int recoveryId, out Address signer);

    /// <summary>Signs a 32-byte hash deterministically (RFC 6979) with a low-s signature.</summary>
    EcdsaSignature Sign(ReadOnlySpan<byte> messageHash, ReadOnlySpan<byte> privateKey);

    Address AddressOf(ReadOnlySpan<byte> privateKey);
}
