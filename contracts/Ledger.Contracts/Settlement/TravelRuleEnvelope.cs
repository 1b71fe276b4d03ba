using System.Security.Cryptography;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Contracts.Settlement;

/// <summary>
/// The off-ledger travel-rule envelope: payment details (originator, beneficiary, purpose) encrypted so that only
/// the two banks can read them, and whose Keccak-256 is the <c>travelRuleRef</c> a payment carries on-ledger.
/// Hybrid encryption: a random AES-256-GCM content key encrypts the details once; for each bank, an ephemeral
/// secp256k1 ECDH agreement with the bank's public key, hashed with SHA-256, wraps the content key (AES-256-GCM).
/// Layout: version(1) ‖ ephemeral public key x‖y (64) ‖ count(1) ‖ count × [bank address(20) ‖ nonce(12) ‖
/// wrapped key(32) ‖ tag(16)] ‖ nonce(12) ‖ tag(16) ‖ ciphertext. The header is the content's associated data, so
/// no recipient entry can be swapped without breaking decryption.
/// </summary>
public static class TravelRuleEnvelope
{
    public const byte Version = 1;

    private const int KeyLength = 32;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int PublicKeyLength = 64;
    private const int EntryLength = Address.Length + NonceLength + KeyLength + TagLength;

    /// <summary>The secp256k1 curve (OID 1.3.132.0.10), as System.Security.Cryptography names it.</summary>
    private static ECCurve Curve => ECCurve.CreateFromValue("1.3.132.0.10");

    /// <summary>Encrypts <paramref name="details"/> for each bank (its address and 64-byte uncompressed public key x‖y).</summary>
    public static byte[] Seal(ReadOnlySpan<byte> details, IReadOnlyList<(Address Bank, byte[] PublicKey)> banks)
    {
        ArgumentNullException.ThrowIfNull(banks);
        if (banks.Count is 0 or > 255)
        {
            throw new ArgumentException($"an envelope is for 1 to 255 banks, got {banks.Count}", nameof(banks));
        }

        using var ephemeral = ECDiffieHellman.Create(Curve);
        var publicPoint = ephemeral.ExportParameters(false).Q;
        var headerLength = 1 + PublicKeyLength + 1 + (banks.Count * EntryLength);
        var envelope = new byte[headerLength + NonceLength + TagLength + details.Length];
        var span = envelope.AsSpan();
        span[0] = Version;
        Pad32(publicPoint.X!).CopyTo(span[1..]);
        Pad32(publicPoint.Y!).CopyTo(span[33..]);
        span[1 + PublicKeyLength] = (byte)banks.Count;

        Span<byte> contentKey = stackalloc byte[KeyLength];
        RandomNumberGenerator.Fill(contentKey);
        for (var i = 0; i < banks.Count; i++)
        {
            var (bank, publicKey) = banks[i];
            var entry = span.Slice(1 + PublicKeyLength + 1 + (i * EntryLength), EntryLength);
            bank.WriteTo(entry);
            var nonce = entry.Slice(Address.Length, NonceLength);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(WrappingKey(ephemeral, publicKey), TagLength);
            aes.Encrypt(nonce, contentKey, entry.Slice(Address.Length + NonceLength, KeyLength), entry.Slice(Address.Length + NonceLength + KeyLength, TagLength), bank.ToArray());
        }

        var contentNonce = span.Slice(headerLength, NonceLength);
        RandomNumberGenerator.Fill(contentNonce);
        using (var content = new AesGcm(contentKey, TagLength))
        {
            content.Encrypt(contentNonce, details, span[(headerLength + NonceLength + TagLength)..], span.Slice(headerLength + NonceLength, TagLength), span[..headerLength]);
        }

        CryptographicOperations.ZeroMemory(contentKey);
        return envelope;
    }

    /// <summary>Decrypts the details as <paramref name="bank"/> with its 32-byte private key; throws with the reason when it cannot.</summary>
    public static byte[] Open(ReadOnlySpan<byte> envelope, Address bank, ReadOnlySpan<byte> privateKey)
    {
        if (envelope.Length < 1 + PublicKeyLength + 1 || envelope[0] != Version)
        {
            throw new CryptographicException($"not a version-{Version} travel-rule envelope");
        }

        var count = envelope[1 + PublicKeyLength];
        var headerLength = 1 + PublicKeyLength + 1 + (count * EntryLength);
        if (envelope.Length < headerLength + NonceLength + TagLength)
        {
            throw new CryptographicException($"the envelope is {envelope.Length} bytes, too short for {count} recipients");
        }

        using var own = ECDiffieHellman.Create(new ECParameters
        {
            Curve = Curve,
            D = privateKey.ToArray(),
            Q = PublicPoint(privateKey),
        });
        Span<byte> contentKey = stackalloc byte[KeyLength];
        var found = false;
        for (var i = 0; i < count && !found; i++)
        {
            var entry = envelope.Slice(1 + PublicKeyLength + 1 + (i * EntryLength), EntryLength);
            if (new Address(entry[..Address.Length]) != bank)
            {
                continue;
            }

            using var aes = new AesGcm(WrappingKey(own, envelope.Slice(1, PublicKeyLength).ToArray()), TagLength);
            aes.Decrypt(entry.Slice(Address.Length, NonceLength), entry.Slice(Address.Length + NonceLength, KeyLength), entry.Slice(Address.Length + NonceLength + KeyLength, TagLength), contentKey, bank.ToArray());
            found = true;
        }

        if (!found)
        {
            throw new CryptographicException($"the envelope is not addressed to {bank.ToChecksumString()}");
        }

        var details = new byte[envelope.Length - headerLength - NonceLength - TagLength];
        using (var content = new AesGcm(contentKey, TagLength))
        {
            content.Decrypt(envelope.Slice(headerLength, NonceLength), envelope[(headerLength + NonceLength + TagLength)..], envelope.Slice(headerLength + NonceLength, TagLength), details, envelope[..headerLength]);
        }

        CryptographicOperations.ZeroMemory(contentKey);
        return details;
    }

    /// <summary>The on-ledger reference of an envelope: its Keccak-256.</summary>
    public static Hash32 Reference(ReadOnlySpan<byte> envelope) => Keccak256.Hash(envelope);

    /// <summary>The 64-byte uncompressed public key x‖y of a secp256k1 private key (what a bank publishes for envelopes).</summary>
    public static byte[] PublicKeyOf(ReadOnlySpan<byte> privateKey)
    {
        var q = PublicPoint(privateKey);
        return [.. q.X!, .. q.Y!];
    }

    private static ECPoint PublicPoint(ReadOnlySpan<byte> privateKey)
    {
        var key = NBitcoin.Secp256k1.Context.Instance.CreateECPrivKey(privateKey);
        Span<byte> serialized = stackalloc byte[65];
        key.CreatePubKey().WriteToSpan(compressed: false, serialized, out _);
        return new ECPoint { X = serialized[1..33].ToArray(), Y = serialized[33..65].ToArray() };
    }

    /// <summary>SHA-256 of the ECDH shared secret (the x coordinate of the shared point).</summary>
    private static byte[] WrappingKey(ECDiffieHellman own, byte[] otherPublicKey)
    {
        if (otherPublicKey.Length != PublicKeyLength)
        {
            throw new ArgumentException($"a public key is {PublicKeyLength} bytes (x ‖ y), got {otherPublicKey.Length}", nameof(otherPublicKey));
        }

        using var other = ECDiffieHellman.Create(new ECParameters
        {
            Curve = Curve,
            Q = new ECPoint { X = otherPublicKey[..32], Y = otherPublicKey[32..] },
        });
        return own.DeriveKeyFromHash(other.PublicKey, HashAlgorithmName.SHA256);
    }

    private static byte[] Pad32(byte[] coordinate) =>
        coordinate.Length == 32 ? coordinate : [.. new byte[32 - coordinate.Length], .. coordinate];
}
