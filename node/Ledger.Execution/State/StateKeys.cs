using System.Buffers.Binary;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Execution.State;

/// <summary>
/// How logical state keys are laid out (see docs/state.md): the composite key is ns(20) ‖ key; the leaf
/// key of the state tree is Keccak(ns ‖ key) and its first two bytes pick the bucket.
/// </summary>
public static class StateKeys
{
    /// <summary>Column.State prefix of values: 'v' ‖ ns ‖ key → value.</summary>
    public const byte ValuePrefix = (byte)'v';

    /// <summary>Column.State prefix of bucket entries: 'b' ‖ leafKey(32) → Keccak(leafKey ‖ Keccak(value)).</summary>
    public const byte EntryPrefix = (byte)'b';

    /// <summary>Column.State prefix of non-empty bucket hashes: 't' ‖ bucket(2, big-endian) → hash.</summary>
    public const byte BucketPrefix = (byte)'t';

    /// <summary>Longest storage key a module may use.</summary>
    public const int MaxKeyLength = 1024;

    /// <summary>Largest value a module may store.</summary>
    public const int MaxValueLength = 64 * 1024;

    /// <summary>Above this composite length keys are built on the heap instead of the stack.</summary>
    internal const int StackLimit = 256;

    internal static int CompositeLength(ReadOnlySpan<byte> key) => Address.Length + key.Length;

    internal static void WriteComposite(Address ns, ReadOnlySpan<byte> key, Span<byte> destination)
    {
        ns.WriteTo(destination);
        key.CopyTo(destination[Address.Length..]);
    }

    internal static byte[] Composite(Address ns, ReadOnlySpan<byte> key)
    {
        var composite = new byte[CompositeLength(key)];
        WriteComposite(ns, key, composite);
        return composite;
    }

    /// <summary>The tree leaf key of an entry: Keccak(ns ‖ key).</summary>
    public static Hash32 LeafKey(Address ns, ReadOnlySpan<byte> key)
    {
        var length = CompositeLength(key);
        var composite = length <= StackLimit ? stackalloc byte[length] : new byte[length];
        WriteComposite(ns, key, composite);
        return Keccak256.Hash(composite);
    }

    /// <summary>The bucket (0..65535) of a leaf key: its first two bytes, big-endian.</summary>
    public static int BucketOf(Hash32 leafKey)
    {
        Span<byte> bytes = stackalloc byte[Hash32.Length];
        leafKey.WriteTo(bytes);
        return BinaryPrimitives.ReadUInt16BigEndian(bytes);
    }

    /// <summary>The hash one entry contributes to its bucket: Keccak(leafKey ‖ Keccak(value)).</summary>
    public static Hash32 EntryHash(Hash32 leafKey, ReadOnlySpan<byte> value)
    {
        Span<byte> buffer = stackalloc byte[2 * Hash32.Length];
        leafKey.WriteTo(buffer);
        Keccak256.Hash(value, buffer[Hash32.Length..]);
        return Keccak256.Hash(buffer);
    }

    /// <summary>The nonce key in the system namespace: the 20 account bytes.</summary>
    internal static void WriteNonceKey(Address account, Span<byte> destination) => account.WriteTo(destination);

    internal static byte[] EncodeNonce(ulong nonce)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, nonce);
        return bytes;
    }

    internal static ulong DecodeNonce(byte[]? value) => value switch
    {
        null => 0,
        { Length: 8 } => BinaryPrimitives.ReadUInt64BigEndian(value),
        _ => throw new InvalidDataException($"a stored nonce is 8 bytes, found {value.Length}"),
    };

    internal static ulong ReadNonce(IStateView view, Address account)
    {
        Span<byte> key = stackalloc byte[Address.Length];
        WriteNonceKey(account, key);
        return DecodeNonce(view.Get(Address.Zero, key));
    }
}
