using Ledger.Core.Primitives;
using Ledger.Execution.Modules;

namespace Ledger.Contracts;

/// <summary>
/// Typed storage on top of <see cref="IModuleContext"/>: keys are a one-byte tag followed by addresses, and
/// uint256 values are stored big-endian without leading zeros (zero deletes the key, so an emptied balance
/// leaves no entry behind). Keys are built on the stack: these run for every transfer.
/// </summary>
public static class ModuleStorage
{
    /// <summary>Length of a key made of a tag and one address.</summary>
    public const int AccountKeyLength = 1 + Address.Length;

    /// <summary>Length of a key made of a tag and two addresses.</summary>
    public const int PairKeyLength = 1 + (2 * Address.Length);

    public static void WriteKey(Span<byte> destination, byte tag, Address account)
    {
        destination[0] = tag;
        account.WriteTo(destination[1..]);
    }

    public static void WriteKey(Span<byte> destination, byte tag, Address first, Address second)
    {
        destination[0] = tag;
        first.WriteTo(destination[1..]);
        second.WriteTo(destination[(1 + Address.Length)..]);
    }

    /// <summary>The uint256 under <paramref name="key"/> in the executing module's storage (zero if absent).</summary>
    public static UInt256 GetUInt256(this IModuleContext context, ReadOnlySpan<byte> key)
    {
        var stored = context.GetStorage(context.Self, key);
        if (stored is null)
        {
            return UInt256.Zero;
        }

        if (stored.Length > UInt256.Length)
        {
            // Only this class writes these keys; a longer value means corrupted state, which is a bug, not a revert.
            throw new InvalidOperationException($"stored uint256 under key {Hex.Encode(key)} is {stored.Length} bytes");
        }

        return UInt256.FromBigEndianVariable(stored);
    }

    public static void SetUInt256(this IModuleContext context, ReadOnlySpan<byte> key, UInt256 value)
    {
        Span<byte> word = stackalloc byte[UInt256.Length];
        value.WriteBigEndian(word);
        var start = word.IndexOfAnyExcept((byte)0);
        context.SetStorage(key, start < 0 ? [] : word[start..]);
    }

    public static UInt256 GetUInt256(this IModuleContext context, byte tag, Address account)
    {
        Span<byte> key = stackalloc byte[AccountKeyLength];
        WriteKey(key, tag, account);
        return context.GetUInt256(key);
    }

    public static void SetUInt256(this IModuleContext context, byte tag, Address account, UInt256 value)
    {
        Span<byte> key = stackalloc byte[AccountKeyLength];
        WriteKey(key, tag, account);
        context.SetUInt256(key, value);
    }

    public static UInt256 GetUInt256(this IModuleContext context, byte tag, Address first, Address second)
    {
        Span<byte> key = stackalloc byte[PairKeyLength];
        WriteKey(key, tag, first, second);
        return context.GetUInt256(key);
    }

    public static void SetUInt256(this IModuleContext context, byte tag, Address first, Address second, UInt256 value)
    {
        Span<byte> key = stackalloc byte[PairKeyLength];
        WriteKey(key, tag, first, second);
        context.SetUInt256(key, value);
    }

    /// <summary>A single-value slot (total supply, counters): the key is the tag alone.</summary>
    public static UInt256 GetUInt256(this IModuleContext context, byte tag) => context.GetUInt256([tag]);

    public static void SetUInt256(this IModuleContext context, byte tag, UInt256 value) => context.SetUInt256([tag], value);
}
