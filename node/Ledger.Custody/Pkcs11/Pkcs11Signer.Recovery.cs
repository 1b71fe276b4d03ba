using System.Numerics;
using Ledger.Core.Crypto;

namespace Ledger.Custody.Pkcs11;

public sealed partial class Pkcs11Signer
{
    private static readonly BigInteger Order = new(SignatureRules.Order, isUnsigned: true, isBigEndian: true);
    private static readonly BigInteger HalfOrder = new(SignatureRules.HalfOrder, isUnsigned: true, isBigEndian: true);

    /// <summary>
    /// r ‖ s from the token → r ‖ s' ‖ recId: s' = n − s when s is high (both verify; Ethereum accepts only the low one),
    /// and recId is whichever of 0 and 1 recovers this key's address. A signature that recovers to neither is refused
    /// rather than sent: it would be a token fault, and peers would reject it anyway.
    /// </summary>
    private byte[] ToRecoverable(byte[] hash, byte[] compact)
    {
        if (compact.Length != 64)
        {
            throw new KeyCustodyException($"PKCS#11 token '{_token.Label}' returned a {compact.Length}-byte ECDSA signature; CKM_ECDSA on secp256k1 gives 64 (r ‖ s)");
        }

        var result = new byte[65];
        compact.AsSpan(0, 32).CopyTo(result);
        var s = new BigInteger(compact.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        if (s > HalfOrder)
        {
            s = Order - s;
        }

        var length = s.GetByteCount(isUnsigned: true); // below 32 when s has leading zero bytes: left-pad
        s.TryWriteBytes(result.AsSpan(64 - length, length), out _, isUnsigned: true, isBigEndian: true);
        for (var recoveryId = 0; recoveryId <= 1; recoveryId++)
        {
            if (_ecdsa.TryRecoverAddress(hash, result.AsSpan(0, 32), result.AsSpan(32, 32), recoveryId, out var signer) && signer == Address)
            {
                result[64] = (byte)recoveryId;
                return result;
            }
        }

        throw new KeyCustodyException($"PKCS#11 token '{_token.Label}' returned a signature that does not verify against its own public key ({Address.ToChecksumString()})");
    }
}
