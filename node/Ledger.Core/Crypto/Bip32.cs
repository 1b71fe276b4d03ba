using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using NBitcoin.Secp256k1;

namespace Ledger.Core.Crypto;

/// <summary>
/// BIP-32 hierarchical deterministic keys over secp256k1 (private derivation only): master key from a seed
/// (HMAC-SHA512 keyed "Bitcoin seed"), hardened and normal child derivation, and path parsing ("m/44'/60'/0'/0/5").
/// Serialisation (xprv/xpub, fingerprints) is left out: Ledger only derives the dev keys.
/// </summary>
public static class Bip32
{
    public const uint HardenedOffset = 0x8000_0000;

    private static readonly byte[] MasterKeyLabel = "Bitcoin seed"u8.ToArray();

    public static Bip32Key MasterFromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length is < 16 or > 64)
        {
            throw new ArgumentException($"a BIP-32 seed is 16 to 64 bytes, got {seed.Length}", nameof(seed));
        }

        var digest = HMACSHA512.HashData(MasterKeyLabel, seed);
        if (!ECPrivKey.TryCreate(digest.AsSpan(0, 32), out var key))
        {
            // Probability below 2^-127; BIP-32 says to give up on this seed.
            throw new ArgumentException("this seed yields an invalid master key", nameof(seed));
        }

        key.Dispose();
        return new Bip32Key(digest[..32], digest[32..], depth: 0, childNumber: 0);
    }

    /// <summary>Master key from <paramref name="seed"/>, then each index of <paramref name="path"/>.</summary>
    public static Bip32Key DerivePath(ReadOnlySpan<byte> seed, string path) => MasterFromSeed(seed).Derive(path);

    public static Bip32Key DeriveChild(Bip32Key parent, uint index)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (parent.Depth == byte.MaxValue)
        {
            throw new InvalidOperationException("BIP-32 depth is limited to 255");
        }

        using var parentKey = ECPrivKey.Create(parent.PrivateKeySpan);
        Span<byte> compressed = stackalloc byte[33];
        parentKey.CreatePubKey().WriteToSpan(true, compressed, out _);

        // Data = 0x00 ‖ k_par ‖ index for hardened children, serP(K_par) ‖ index for normal ones.
        Span<byte> data = stackalloc byte[37];
        if (index >= HardenedOffset)
        {
            data[0] = 0;
            parent.PrivateKeySpan.CopyTo(data[1..]);
        }
        else
        {
            compressed.CopyTo(data);
        }

        BinaryPrimitives.WriteUInt32BigEndian(data[33..], index);
        Span<byte> digest = stackalloc byte[64];
        HMACSHA512.HashData(parent.ChainCodeSpan, data, digest);

        // k_child = parse256(IL) + k_par (mod n); invalid when IL ≥ n or the sum is zero (BIP-32: use the next index).
        if (!parentKey.TryTweakAdd(digest[..32], out var childKey) || childKey is null)
        {
            throw new InvalidOperationException($"BIP-32 child {index} is invalid for this parent; use the next index");
        }

        var child = new byte[32];
        using (childKey)
        {
            childKey.WriteToSpan(child);
        }

        return new Bip32Key(child, digest[32..].ToArray(), (byte)(parent.Depth + 1), index);
    }

    /// <summary>
    /// Parses "m/44'/60'/0'/0/5" (absolute) or "0/5" (relative). Hardened steps take a trailing ' or h/H.
    /// </summary>
    public static uint[] ParsePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Trim().Split('/');
        var start = parts[0] is "m" or "M" ? 1 : 0;
        if (start == 0 && path.Trim().Length == 0)
        {
            throw new FormatException("the derivation path is empty");
        }

        var indices = new uint[parts.Length - start];
        for (var i = start; i < parts.Length; i++)
        {
            var part = parts[i];
            var hardened = part.Length > 0 && part[^1] is '\'' or 'h' or 'H';
            var digits = hardened ? part[..^1] : part;
            if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)
                || !uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                || value >= HardenedOffset)
            {
                throw new FormatException($"'{path}': step {i - start + 1} '{part}' is not an index below 2^31 (with ' for hardened)");
            }

            indices[i - start] = hardened ? value | HardenedOffset : value;
        }

        return indices;
    }
}
