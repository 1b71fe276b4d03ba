using NBitcoin.Secp256k1;

namespace Ledger.Core.Crypto;

/// <summary>A BIP-32 extended private key: the 32-byte secret, its chain code, and where it sits in the tree.</summary>
public sealed class Bip32Key
{
    private readonly byte[] _privateKey;
    private readonly byte[] _chainCode;

    internal Bip32Key(byte[] privateKey, byte[] chainCode, byte depth, uint childNumber)
    {
        _privateKey = privateKey;
        _chainCode = chainCode;
        Depth = depth;
        ChildNumber = childNumber;
    }

    public byte Depth { get; }

    /// <summary>The index this key was derived with (≥ 0x80000000 when hardened); 0 for the master key.</summary>
    public uint ChildNumber { get; }

    /// <summary>A copy of the 32-byte private key.</summary>
    public byte[] PrivateKey => (byte[])_privateKey.Clone();

    /// <summary>A copy of the 32-byte chain code.</summary>
    public byte[] ChainCode => (byte[])_chainCode.Clone();

    internal ReadOnlySpan<byte> PrivateKeySpan => _privateKey;

    internal ReadOnlySpan<byte> ChainCodeSpan => _chainCode;

    /// <summary>The public key: 33 bytes compressed, or 65 bytes (0x04 ‖ x ‖ y) uncompressed.</summary>
    public byte[] PublicKey(bool compressed = true)
    {
        using var key = ECPrivKey.Create(_privateKey);
        var output = new byte[compressed ? 33 : 65];
        key.CreatePubKey().WriteToSpan(compressed, output, out _);
        return output;
    }

    /// <summary>Derives a child: indices ≥ <see cref="Bip32.HardenedOffset"/> are hardened.</summary>
    public Bip32Key Derive(uint index) => Bip32.DeriveChild(this, index);

    /// <summary>Derives along a relative path such as "0/5" or an absolute one from the master such as "m/44'/60'/0'".</summary>
    public Bip32Key Derive(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Depth != 0 && path.TrimStart().StartsWith('m'))
        {
            throw new ArgumentException($"'{path}' is absolute (starts at m) but this key has depth {Depth}", nameof(path));
        }

        var key = this;
        foreach (var index in Bip32.ParsePath(path))
        {
            key = Bip32.DeriveChild(key, index);
        }

        return key;
    }
}
