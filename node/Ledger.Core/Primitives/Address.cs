using System.Buffers.Binary;
using Ledger.Core.Crypto;

namespace Ledger.Core.Primitives;

/// <summary>A 20-byte account or module address. Stored as three integers so equality and hashing are cheap.</summary>
public readonly struct Address : IEquatable<Address>, IComparable<Address>
{
    public const int Length = 20;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly uint _c;

    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"an address is {Length} bytes, got {bytes.Length}", nameof(bytes));
        }

        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    public static Address Zero => default;

    public bool IsZero => _a == 0 && _b == 0 && _c == 0;

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _c);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    public static Address Parse(string text)
    {
        if (!TryParse(text, out var address))
        {
            throw new FormatException($"'{text}' is not a 20-byte hex address");
        }

        return address;
    }

    /// <summary>Accepts 0x-prefixed 40 hex digits in any case (checksum not enforced; see <see cref="IsValidChecksum"/>).</summary>
    public static bool TryParse(string? text, out Address address)
    {
        address = default;
        if (text is null || text.Length != 42 || !Hex.TryDecode(text, out var bytes) || bytes.Length != Length)
        {
            return false;
        }

        address = new Address(bytes);
        return true;
    }

    /// <summary>The address of a public key: last 20 bytes of Keccak-256 of the 64-byte uncompressed key (without 0x04).</summary>
    public static Address FromPublicKey(ReadOnlySpan<byte> uncompressed64)
    {
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(uncompressed64, hash);
        return new Address(hash[12..]);
    }

    /// <summary>EIP-55 mixed-case checksum encoding.</summary>
    public string ToChecksumString()
    {
        var lower = Convert.ToHexStringLower(ToArray());
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(lower), hash);
        var chars = new char[42];
        chars[0] = '0';
        chars[1] = 'x';
        for (var i = 0; i < 40; i++)
        {
            var nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
            chars[i + 2] = nibble >= 8 ? char.ToUpperInvariant(lower[i]) : lower[i];
        }

        return new string(chars);
    }

    public static bool IsValidChecksum(string text) =>
        TryParse(text, out var address) && address.ToChecksumString() == text;

    public override string ToString() => Hex.Encode(ToArray());

    public bool Equals(Address other) => _a == other._a && _b == other._b && _c == other._c;

    public override bool Equals(object? obj) => obj is Address other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_a, _b, _c);

    public int CompareTo(Address other)
    {
        var c = _a.CompareTo(other._a);
        if (c != 0)
        {
            return c;
        }

        c = _b.CompareTo(other._b);
        return c != 0 ? c : _c.CompareTo(other._c);
    }

    public static bool operator ==(Address left, Address right) => left.Equals(right);

    public static bool operator !=(Address left, Address right) => !left.Equals(right);

    public static bool operator <(Address left, Address right) => left.CompareTo(right) < 0;

    public static bool operator >(Address left, Address right) => left.CompareTo(right) > 0;

    public static bool operator <=(Address left, Address right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Address left, Address right) => left.CompareTo(right) >= 0;
}
