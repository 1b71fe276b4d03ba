using Ledger.Core.Primitives;
using Secp256k1Net;

namespace Ledger.Core.Crypto;

/// <summary>
/// secp256k1 through the native libsecp256k1 (Secp256k1.Net): the fast path for sender recovery. Uses the
/// library's low-level span API so recovery allocates nothing. Each thread gets its own context: libsecp256k1
/// contexts are safe to share for const operations, but the wrapper makes no such promise, so we do not rely on it.
/// </summary>
public sealed class NativeEcdsa : IEcdsa
{
    private const int ContextSize = 64;
    private const int RecoverableSignatureSize = 65;

    [ThreadStatic]
    private static Secp256k1? _threadContext;

    public string Name => "native libsecp256k1 (Secp256k1.Net)";

    private static Secp256k1 Context => _threadContext ??= new Secp256k1();

    public bool TryRecoverAddress(
        ReadOnlySpan<byte> messageHash, ReadOnlySpan<byte> r, ReadOnlySpan<byte> s, int recoveryId, out Address signer)
    {
        signer = default;
        Span<byte> compact = stackalloc byte[64];
        if (messageHash.Length != 32 || !SignatureRules.TryNormalize(r, s, recoveryId, compact, out _))
        {
            return false;
        }

        var context = Context;
        Span<byte> signature = stackalloc byte[RecoverableSignatureSize];
        Span<byte> publicKey = stackalloc byte[ContextSize];
        if (!context.EcdsaRecoverableSignatureParseCompact(signature, compact, recoveryId)
            || !context.EcdsaRecover(publicKey, signature, messageHash))
        {
            return false;
        }

        signer = SerializeToAddress(context, publicKey);
        return true;
    }

    public EcdsaSignature Sign(ReadOnlySpan<byte> messageHash, ReadOnlySpan<byte> privateKey)
    {
        RequireLengths(messageHash, privateKey);
        var context = Context;
        Span<byte> signature = stackalloc byte[RecoverableSignatureSize];
        if (!context.EcdsaSignRecoverable(signature, messageHash, privateKey))
        {
            throw new ArgumentException("the private key is not a valid secp256k1 scalar", nameof(privateKey));
        }

        Span<byte> compact = stackalloc byte[64];
        if (!context.EcdsaRecoverableSignatureSerializeCompact(compact, out var recoveryId, signature))
        {
            throw new InvalidOperationException("libsecp256k1 could not serialize its own signature");
        }

        return new EcdsaSignature(compact[..32].ToArray(), compact[32..].ToArray(), recoveryId);
    }

    public Address AddressOf(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32)
        {
            throw new ArgumentException("a private key is 32 bytes", nameof(privateKey));
        }

        var context = Context;
        Span<byte> publicKey = stackalloc byte[ContextSize];
        if (!context.EcPubkeyCreate(publicKey, privateKey))
        {
            throw new ArgumentException("the private key is not a valid secp256k1 scalar", nameof(privateKey));
        }

        return SerializeToAddress(context, publicKey);
    }

    internal static void RequireLengths(ReadOnlySpan<byte> messageHash, ReadOnlySpan<byte> privateKey)
    {
        if (messageHash.Length != 32)
        {
            throw new ArgumentException("the message hash is 32 bytes", nameof(messageHash));
        }

        if (privateKey.Length != 32)
        {
            throw new ArgumentException("a private key is 32 bytes", nameof(privateKey));
        }
    }

    private static Address SerializeToAddress(Secp256k1 context, ReadOnlySpan<byte> publicKey)
    {
        Span<byte> serialized = stackalloc byte[65];
        nuint length = 65;
        if (!context.EcPubkeySerialize(serialized, ref length, publicKey, Secp256k1EcFlags.Uncompressed) || length != 65)
        {
            throw new InvalidOperationException("libsecp256k1 could not serialize a public key");
        }

        return Address.FromPublicKey(serialized[1..]);
    }
}
