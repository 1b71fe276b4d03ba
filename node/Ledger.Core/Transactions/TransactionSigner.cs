using Ledger.Core.Crypto;

namespace Ledger.Core.Transactions;

/// <summary>Signs transactions and recovers their senders.</summary>
public static class TransactionSigner
{
    /// <summary>Encodes, signs (RFC 6979, low s) and returns the decoded transaction with its sender set.</summary>
    public static SignedTransaction Sign(UnsignedTransaction tx, ReadOnlySpan<byte> privateKey, IEcdsa ecdsa)
    {
        Span<byte> hash = stackalloc byte[32];
        TransactionEncoder.SigningHash(tx).WriteTo(hash);
        var signature = ecdsa.Sign(hash, privateKey);
        var signed = TransactionDecoder.Decode(TransactionEncoder.EncodeSigned(tx, signature));
        signed.Sender = ecdsa.AddressOf(privateKey);
        signed.HasSender = true;
        return signed;
    }

    /// <summary>
    /// Recovers the sender from the signature and caches it on the transaction (<c>Sender</c>, <c>HasSender</c>).
    /// False for any invalid signature (r or s zero or out of range, high s, bad recovery id, no such point).
    /// </summary>
    public static bool TryRecoverSender(SignedTransaction tx, IEcdsa ecdsa) => TryRecoverSender(tx, ecdsa, out _);

    /// <summary>As <see cref="TryRecoverSender(SignedTransaction, IEcdsa)"/>, with the reason when it fails.</summary>
    public static bool TryRecoverSender(SignedTransaction tx, IEcdsa ecdsa, out string? error)
    {
        Span<byte> hash = stackalloc byte[32];
        Span<byte> r = stackalloc byte[32];
        Span<byte> s = stackalloc byte[32];
        tx.SigningHash.WriteTo(hash);
        tx.R.WriteBigEndian(r);
        tx.S.WriteBigEndian(s);
        var recoveryId = tx.RecoveryId;
        if (!ecdsa.TryRecoverAddress(hash, r, s, recoveryId, out var sender))
        {
            // Only the failure path pays for working out which rule was broken.
            Span<byte> scratch = stackalloc byte[64];
            error = SignatureRules.TryNormalize(r, s, recoveryId, scratch, out var rule)
                ? "the signature does not recover to a public key for this transaction"
                : rule;
            return false;
        }

        error = null;
        tx.Sender = sender;
        tx.HasSender = true;
        return true;
    }
}
