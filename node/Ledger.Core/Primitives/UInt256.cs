using System.Buffers.Binary;
using System.Numerics;

namespace Ledger.Core.Primitives;

/// <summary>
/// An unsigned 256-bit integer with exact Solidity uint256 range. Token amounts use it so that the ABI
/// boundary never silently truncates: arithmetic is checked and overflow is reported, never wrapped.
/// </summary>
public readonly struct UInt256 : IEquatable<UInt256>, IComparable<UInt256>
{
    public const int Length = 32;

    // _u3 is the most significant limb.
    private readonly ulong _u0;
    private readonly ulong _u1;
    private readonly ulong _u2;
    private readonly ulong _u3;

    public UInt256(ulong u0, ulong u1 = 0, ulong u2 = 0, ulong u3 = 0)
    {
        _u0 = u0;
        _u1 = u1;
        _u2 = u2;
        _u3 = u3;
    }

    public static UInt256 Zero => default;

    public static UInt256 One => new(1);

    public static UInt256 MaxValue => new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    public bool IsZero => (_u0 | _u1 | _u2 | _u3) == 0;

    public bool FitsInUInt64 => (_u1 | _u2 | _u3) == 0;

    public ulong ToUInt64() => FitsInUInt64 ? _u0 : throw new OverflowException("value does not fit in 64 bits");

    /// <summary>Reads a 32-byte big-endian word (an ABI uint256).</summary>
    public static UInt256 FromBigEndian(ReadOnlySpan<byte> word32)
    {
        if (word32.Length != Length)
        {
            throw new ArgumentException("a uint256 word is 32 bytes", nameof(word32));
        }

        return new UInt256(
            BinaryPrimitives.ReadUInt64BigEndian(word32[24..]),
            BinaryPrimitives.ReadUInt64BigEndian(word32[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(word32[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(word32));
    }

    /// <summary>Reads a minimal big-endian integer of at most 32 bytes (RLP scalars, stored values).</summary>
    public static UInt256 FromBigEndianVariable(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > Length)
        {
            throw new OverflowException("more than 32 bytes");
        }

        Span<byte> word = stackalloc byte[Length];
        word.Clear();
        bytes.CopyTo(word[(Length - bytes.Length)..]);
        return FromBigEndian(word);
    }

    public void WriteBigEndian(Span<byte> word32)
    {
        BinaryPrimitives.WriteUInt64BigEndian(word32, _u3);
        BinaryPrimitives.WriteUInt64BigEndian(word32[8..], _u2);
        BinaryPrimitives.WriteUInt64BigEndian(word32[16..], _u1);
        BinaryPrimitives.WriteUInt64BigEndian(word32[24..], _u0);
    }

    public byte[] ToBigEndian()
    {
        var bytes = new byte[Length];
        WriteBigEndian(bytes);
        return bytes;
    }

    /// <summary>Big-endian without leading zeros (empty for zero), as RLP and compact storage want it.</summary>
    public byte[] ToBigEndianTrimmed()
    {
        var full = ToBigEndian();
        var start = 0;
        while (start < Length && full[start] == 0)
        {
            start++;
        }

        return full[start..];
    }

    public BigInteger ToBigInteger() => new(ToBigEndian(), isUnsigned: true, isBigEndian: true);

    public static UInt256 FromBigInteger(BigInteger value)
    {
        if (!TryFromBigInteger(value, out var result))
        {
            throw new OverflowException("value is outside the uint256 range");
        }

        return result;
    }

    public static bool TryFromBigInteger(BigInteger value, out UInt256 result)
    {
        result = default;
        if (value.Sign < 0 || value.GetByteCount(isUnsigned: true) > Length)
        {
            return false;
        }

        result = FromBigEndianVariable(value.ToByteArray(isUnsigned: true, isBigEndian: true));
        return true;
    }

    public static bool TryAdd(UInt256 a, UInt256 b, out UInt256 sum)
    {
        var r0 = a._u0 + b._u0;
        ulong carry = r0 < a._u0 ? 1UL : 0UL;
        var r1 = AddWithCarry(a._u1, b._u1, ref carry);
        var r2 = AddWithCarry(a._u2, b._u2, ref carry);
        var r3 = AddWithCarry(a._u3, b._u3, ref carry);
        sum = new UInt256(r0, r1, r2, r3);
        return carry == 0;
    }

    public static bool TrySubtract(UInt256 a, UInt256 b, out UInt256 difference)
    {
        if (a < b)
        {
            difference = default;
            return false;
        }

        ulong borrow = 0;
        var r0 = SubtractWithBorrow(a._u0, b._u0, ref borrow);
        var r1 = SubtractWithBorrow(a._u1, b._u1, ref borrow);
        var r2 = SubtractWithBorrow(a._u2, b._u2, ref borrow);
        var r3 = SubtractWithBorrow(a._u3, b._u3, ref borrow);
        difference = new UInt256(r0, r1, r2, r3);
        return true;
    }

    public static UInt256 operator +(UInt256 a, UInt256 b) =>
        TryAdd(a, b, out var sum) ? sum : throw new OverflowException("uint256 addition overflow");

    public static UInt256 operator -(UInt256 a, UInt256 b) =>
        TrySubtract(a, b, out var difference) ? difference : throw new OverflowException("uint256 subtraction underflow");

    public static implicit operator UInt256(ulong value) => new(value);

    public override string ToString() => ToBigInteger().ToString();

    public bool Equals(UInt256 other) => _u0 == other._u0 && _u1 == other._u1 && _u2 == other._u2 && _u3 == other._u3;

    public override bool Equals(object? obj) => obj is UInt256 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_u0, _u1, _u2, _u3);

    public int CompareTo(UInt256 other)
    {
        if (_u3 != other._u3)
        {
            return _u3.CompareTo(other._u3);
        }

        if (_u2 != other._u2)
        {
            return _u2.CompareTo(other._u2);
        }

        return _u1 != other._u1 ? _u1.CompareTo(other._u1) : _u0.CompareTo(other._u0);
    }

    public static bool operator ==(UInt256 left, UInt256 right) => left.Equals(right);

    public static bool operator !=(UInt256 left, UInt256 right) => !left.Equals(right);

    public static bool operator <(UInt256 left, UInt256 right) => left.CompareTo(right) < 0;

    public static bool operator >(UInt256 left, UInt256 right) => left.CompareTo(right) > 0;

    public static bool operator <=(UInt256 left, UInt256 right) => left.CompareTo(right) <= 0;

    public static bool operator >=(UInt256 left, UInt256 right) => left.CompareTo(right) >= 0;

    private static ulong AddWithCarry(ulong x, ulong y, ref ulong carry)
    {
        var sum = x + y;
        var carry1 = sum < x ? 1UL : 0UL;
        var result = sum + carry;
        var carry2 = result < sum ? 1UL : 0UL;
        carry = carry1 | carry2;
        return result;
    }

    private static ulong SubtractWithBorrow(ulong x, ulong y, ref ulong borrow)
    {
        var diff = x - y;
        var borrow1 = x < y ? 1UL : 0UL;
        var result = diff - borrow;
        var borrow2 = diff < borrow ? 1UL : 0UL;
        borrow = borrow1 | borrow2;
        return result;
    }
}
