using Ledger.Core.Primitives;

namespace Ledger.Core.Crypto;

/// <summary>
/// EIP-712 typed-data signatures: the digest keccak256(0x19 0x01 ‖ domainSeparator ‖ hashStruct(message)), signing
/// it with a secp256k1 key, and recovering the signer from the 65-byte r ‖ s ‖ v form wallets produce
/// (ethers' <c>signTypedData</c>). Recovery is strict: a signature with a high s (the malleable twin of a valid
/// one) or a wrong length is refused with the reason, never silently normalised, so one quote has one signature.
/// </summary>
public static class Eip712
{
    /// <summary>Length of an r ‖ s ‖ v signature.</summary>
    public const int SignatureLength = 65;

    /// <summary>keccak256 of the canonical type encoding, e.g. "Mail(Person from,Person to,string contents)Person(…)".</summary>
    public static Hash32 TypeHash(string encodedType)
    {
        ArgumentNullException.ThrowIfNull(encodedType);
        return Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(encodedType));
    }

    /// <summary>hashStruct = keccak256(typeHash ‖ encodeData), where <paramref name="encodedFields"/> is one 32-byte word per field.</summary>
    public static Hash32 HashStruct(Hash32 typeHash, ReadOnlySpan<byte> encodedFields)
    {
        if (encodedFields.Length % 32 != 0)
        {
            throw new ArgumentException($"encoded fields are whole 32-byte words, got {encodedFields.Length} bytes", nameof(encodedFields));
        }

        var buffer = new byte[32 + encodedFields.Length];
        typeHash.WriteTo(buffer);
        encodedFields.CopyTo(buffer.AsSpan(32));
        return Keccak256.Hash(buffer);
    }

    /// <summary>The digest a wallet signs: keccak256(0x1901 ‖ domainSeparator ‖ structHash).</summary>
    public static Hash32 Digest(Hash32 domainSeparator, Hash32 structHash)
    {
        Span<byte> buffer = stackalloc byte[2 + 32 + 32];
        buffer[0] = 0x19;
        buffer[1] = 0x01;
        domainSeparator.WriteTo(buffer[2..]);
        structHash.WriteTo(buffer[34..]);
        return Keccak256.Hash(buffer);
    }

    /// <summary>Signs <paramref name="digest"/>; returns r ‖ s ‖ v with v = 27 or 28, as ethers does.</summary>
    public static byte[] Sign(Hash32 digest, ReadOnlySpan<byte> privateKey, IEcdsa? ecdsa = null)
    {
        Span<byte> message = stackalloc byte[32];
        digest.WriteTo(message);
        var signature = (ecdsa ?? Ecdsa.Default).Sign(message, privateKey);
        var bytes = signature.ToBytes65();
        bytes[64] += 27;
        return bytes;
    }

    /// <summary>
    /// Recovers the signer of <paramref name="digest"/> from a 65-byte r ‖ s ‖ v signature (v 27/28 or 0/1).
    /// Returns false with a plain-words <paramref name="error"/> for a wrong length, a bad v, r or s out of range or a
    /// high s.
    /// </summary>
    public static bool TryRecover(Hash32 digest, ReadOnlySpan<byte> signature, out Address signer, out string? error, IEcdsa? ecdsa = null)
    {
        signer = default;
        if (signature.Length != SignatureLength)
        {
            error = $"a signature is {SignatureLength} bytes (r ‖ s ‖ v), got {signature.Length}";
            return false;
        }

        var v = signature[64];
        int recoveryId = v switch
        {
            0 or 1 => v,
            27 or 28 => v - 27,
            _ => -1,
        };
        if (recoveryId < 0)
        {
            error = $"signature v must be 27 or 28 (or 0 or 1), got {v}";
            return false;
        }

        Span<byte> compact = stackalloc byte[64];
        if (!SignatureRules.TryNormalize(signature[..32], signature[32..64], recoveryId, compact, out error))
        {
            return false;
        }

        Span<byte> message = stackalloc byte[32];
        digest.WriteTo(message);
        if (!(ecdsa ?? Ecdsa.Default).TryRecoverAddress(message, signature[..32], signature[32..64], recoveryId, out signer))
        {
            error = "the signature does not recover to any public key for this message";
            return false;
        }

        error = null;
        return true;
    }
}
