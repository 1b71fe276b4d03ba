using System.Buffers.Binary;
using Ledger.Core.Crypto;

namespace Ledger.Core.Encoding;

/// <summary>
/// Function selectors: the first 4 bytes of Keccak-256 of the canonical Solidity signature
/// (e.g. <c>transfer(address,uint256)</c> → 0xa9059cbb), read big-endian into a <see cref="uint"/> so that a
/// dispatch table can key on it without allocating.
/// </summary>
public static class AbiSelector
{
    public const int Length = 4;

    /// <summary>The selector of a canonical signature, as a big-endian integer.</summary>
    public static uint Of(string signature)
    {
        Span<byte> bytes = stackalloc byte[Length];
        Write(signature, bytes);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    /// <summary>The selector of a canonical signature as the 4 bytes that start calldata.</summary>
    public static byte[] BytesOf(string signature)
    {
        var bytes = new byte[Length];
        Write(signature, bytes);
        return bytes;
    }

    /// <summary>Writes the 4 selector bytes of <paramref name="signature"/> into <paramref name="destination"/>.</summary>
    public static void Write(string signature, Span<byte> destination)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signature);
        if (signature.Contains(' ', StringComparison.Ordinal))
        {
            // "transfer(address, uint256)" hashes to a different selector; catching it here saves a silent miss.
            throw new ArgumentException($"'{signature}' is not canonical: a signature has no spaces", nameof(signature));
        }

        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(signature), hash);
        hash[..Length].CopyTo(destination);
    }

    /// <summary>Writes a selector integer as its 4 big-endian bytes.</summary>
    public static void Write(uint selector, Span<byte> destination) =>
        BinaryPrimitives.WriteUInt32BigEndian(destination, selector);

    /// <summary>Reads the selector at the start of calldata (which must hold at least 4 bytes).</summary>
    public static uint Read(ReadOnlySpan<byte> calldata)
    {
        if (calldata.Length < Length)
        {
            throw new AbiException($"calldata of {calldata.Length} bytes has no 4-byte function selector");
        }

        return BinaryPrimitives.ReadUInt32BigEndian(calldata);
    }

    /// <summary>"0xa9059cbb": how error messages and tools show a selector.</summary>
    public static string Format(uint selector) => "0x" + selector.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
}
