using System.Collections.Concurrent;
using NBitcoin.Secp256k1;

namespace Ledger.Core.Crypto;

/// <summary>
/// The public Hardhat/Anvil test keys: BIP-44 <c>m/44'/60'/0'/0/i</c> of the mnemonic
/// "test test … junk". Everyone knows these private keys — they exist for the dev genesis and tests only and must
/// never hold anything of value.
/// </summary>
public static class DevKeys
{
    public const string Mnemonic = "test test test test test test test test test test test junk";

    /// <summary>The BIP-44 Ethereum account path; account i is this prefix followed by i.</summary>
    public const string AccountPathPrefix = "m/44'/60'/0'/0/";

    // PBKDF2 (2048 rounds) and the four hardened steps run once; each account then costs one child derivation.
    private static readonly Lazy<Bip32Key> AccountParent = new(
        () => Bip32.DerivePath(Bip39.MnemonicToSeed(Mnemonic), AccountPathPrefix.TrimEnd('/')));

    private static readonly ConcurrentDictionary<int, (byte[] PrivateKey, Primitives.Address Address)> Cache = new();

    /// <summary>A copy of account <paramref name="index"/>'s 32-byte private key.</summary>
    public static byte[] PrivateKey(int index) => (byte[])Get(index).PrivateKey.Clone();

    /// <summary>Account <paramref name="index"/>'s Ethereum address.</summary>
    public static Primitives.Address Address(int index) => Get(index).Address;

    /// <summary>The Ethereum address of a 32-byte secp256k1 private key.</summary>
    public static Primitives.Address AddressOf(ReadOnlySpan<byte> privateKey)
    {
        using var key = ECPrivKey.Create(privateKey);
        Span<byte> uncompressed = stackalloc byte[65];
        key.CreatePubKey().WriteToSpan(false, uncompressed, out _);
        return Primitives.Address.FromPublicKey(uncompressed[1..]);
    }

    private static (byte[] PrivateKey, Primitives.Address Address) Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Cache.GetOrAdd(index, static i =>
        {
            var key = AccountParent.Value.Derive((uint)i).PrivateKey;
            return (key, AddressOf(key));
        });
    }
}
