using System.Security.Cryptography;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.LoadGen;

/// <summary>A fresh account of one load run: its key and address. Keys derive from a random seed per run.</summary>
public sealed record LoadAccount(byte[] PrivateKey, Address Address)
{
    /// <summary>
    /// Makes <paramref name="count"/> accounts from a fresh random seed, so a second run against the same node
    /// gets accounts that are not registered yet and whose nonces start at 0.
    /// </summary>
    public static LoadAccount[] CreateFresh(int count, IEcdsa ecdsa)
    {
        var seed = RandomNumberGenerator.GetBytes(32);
        var accounts = new LoadAccount[count];
        Parallel.For(0, count, i =>
        {
            Span<byte> material = stackalloc byte[36];
            seed.CopyTo(material);
            BitConverter.TryWriteBytes(material[32..], i);
            var key = Keccak256.HashToArray(material);
            accounts[i] = new LoadAccount(key, ecdsa.AddressOf(key));
        });
        return accounts;
    }
}
