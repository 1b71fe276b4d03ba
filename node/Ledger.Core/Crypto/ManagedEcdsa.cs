using Ledger.Core.Primitives;
using NBitcoin.Secp256k1;

namespace Ledger.Core.Crypto;

/// <summary>
/// secp256k1 in managed code (NBitcoin.Secp256k1, a port of libsecp256k1): the fallback where the native
/// library does not load, and the independent oracle the differential tests compare the native one against.
/// </summary>
public sealed class ManagedEcdsa : IEcdsa
{
    public string Name => "managed (NBitcoin.Secp256k1)";

    public bool TryRecoverAddress(
        ReadOnlySpan<byte> messageHash, ReadOnlySpan<byte> r, ReadOnlySpan<byte> s, int recoveryId, out Address signer)
    {
        signer = default;
        Span<byte> compact = stackalloc byte[64];
        if (messageHash.Length != 32
            || !SignatureRules.TryNormalize(r, s, recoveryId, compact, out _)
            || !SecpRecoverableECDSASignature.TryCreateFromCompact(compact, recoveryId, out var signature)
            || !ECPubKey.TryRecover(NBitcoin.Secp256k1.Context.Instance, signature, messageHash, out var publicKey))
        {
            return false;
        }

        signer = ToAddress(publicKey);
        return true;
    }

    public EcdsaSignature Sign(ReadOnlySpan<byte> messageHash, ReadOnlySpan<byte> privateKey)
    {
        NativeEcdsa.RequireLengths(messageHash, privateKey);
        using var key = CreateKey(privateKey);
        // TrySignRecoverable uses RFC 6979 nonces and normalizes to low s, as libsecp256k1 does.
        if (!key.TrySignRecoverable(messageHash, out var signature) || signature is null)
        {
            throw new InvalidOperationException("signing failed");
        }

        Span<byte> compact = stackalloc byte[64];
        signature.WriteToSpanCompact(compact, out var recoveryId);
        return new EcdsaSignature(compact[..32].ToArray(), compact[32..].ToArray(), recoveryId);
    }

    public Address AddressOf(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32)
        {
            throw new ArgumentException("a private key is 32 bytes", nameof(privateKey));
        }

        using var key = CreateKey(privateKey);
        return ToAddress(key.CreatePubKey());
    }

    private static ECPrivKey CreateKey(ReadOnlySpan<byte> privateKey) =>
        ECPrivKey.TryCreate(privateKey, out var key) && key is not null
            ? key
            : throw new ArgumentException("the private key is not a valid secp256k1 scalar", nameof(privateKey));

    private static Address ToAddress(ECPubKey publicKey)
    {
        Span<byte> serialized = stackalloc byte[65];
        publicKey.WriteToSpan(false, serialized, out var length);
        if (length != 65)
        {
            throw new InvalidOperationException("unexpected public key length");
        }

        return Address.FromPublicKey(serialized[1..]);
    }
}
