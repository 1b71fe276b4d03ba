using System.Security.Cryptography;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Consensus.Signing;

/// <summary>
/// Signs with a private key held in memory (a plain key file, or a keystore decrypted at start). Disposing wipes the
/// key, after which signing throws.
/// </summary>
public sealed class LocalKeySigner : IConsensusSigner, IDisposable
{
    private readonly byte[] _privateKey;
    private readonly IEcdsa _ecdsa;
    private volatile bool _disposed;

    public LocalKeySigner(ReadOnlySpan<byte> privateKey, IEcdsa ecdsa)
    {
        if (privateKey.Length != 32)
        {
            throw new ArgumentException($"a secp256k1 private key is 32 bytes, got {privateKey.Length}", nameof(privateKey));
        }

        _privateKey = privateKey.ToArray();
        _ecdsa = ecdsa;
        Address = ecdsa.AddressOf(_privateKey);
    }

    public Address Address { get; }

    public byte[] Sign(Hash32 digest)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> hash = stackalloc byte[Hash32.Length];
        digest.WriteTo(hash);
        return _ecdsa.Sign(hash, _privateKey).ToBytes65();
    }

    public void Dispose()
    {
        _disposed = true;
        CryptographicOperations.ZeroMemory(_privateKey);
    }
}
