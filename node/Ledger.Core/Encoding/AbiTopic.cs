using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Core.Encoding;

/// <summary>
/// Log topics as Solidity writes them: topic0 is Keccak-256 of the canonical event signature, and an indexed
/// static argument is its 32-byte ABI word (an address left-padded with zeros).
/// </summary>
public static class AbiTopic
{
    /// <summary>topic0 of an event, e.g. Keccak256("Transfer(address,address,uint256)").</summary>
    public static Hash32 OfEvent(string signature)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signature);
        if (signature.Contains(' ', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{signature}' is not canonical: a signature has no spaces", nameof(signature));
        }

        return Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(signature));
    }

    public static Hash32 FromAddress(Address address)
    {
        Span<byte> word = stackalloc byte[32];
        word.Clear();
        address.WriteTo(word[12..]);
        return new Hash32(word);
    }

    public static Hash32 FromUInt256(UInt256 value)
    {
        Span<byte> word = stackalloc byte[32];
        value.WriteBigEndian(word);
        return new Hash32(word);
    }

    /// <summary>The address held in an indexed-address topic (its low 20 bytes).</summary>
    public static Address ToAddress(Hash32 topic)
    {
        Span<byte> word = stackalloc byte[32];
        topic.WriteTo(word);
        return new Address(word[12..]);
    }
}
