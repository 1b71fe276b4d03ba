using System.Buffers.Binary;
using Ledger.Core.Primitives;

namespace Ledger.Execution.Chain;

/// <summary>Storage keys of the chain store (documented in docs/state.md).</summary>
internal static class ChainKeys
{
    /// <summary>Column.Headers: 'h' ‖ blockHash → header RLP (with round).</summary>
    public const byte HeaderPrefix = (byte)'h';

    /// <summary>Column.Headers: 'n' ‖ number(8, big-endian) → blockHash (the canonical index).</summary>
    public const byte NumberPrefix = (byte)'n';

    /// <summary>Column.Meta: hash of the head block.</summary>
    public static ReadOnlySpan<byte> Head => "head"u8;

    /// <summary>Column.Meta: hash of the genesis block the data dir was created with.</summary>
    public static ReadOnlySpan<byte> Genesis => "genesis"u8;

    /// <summary>Column.Meta: chain id (8, big-endian); the genesis hash does not cover it.</summary>
    public static ReadOnlySpan<byte> ChainId => "chainId"u8;

    /// <summary>Column.Meta: format version of the data directory: this file's keys and docs/state.md (4, big-endian).</summary>
    public static ReadOnlySpan<byte> Schema => "schema"u8;

    /// <summary>Column.Meta (format 2 on): the genesis document (UTF-8 JSON) the data dir was created with.</summary>
    public static ReadOnlySpan<byte> GenesisDocument => "genesisDocument"u8;

    /// <summary>Column.Meta: present while a snapshot import writes (8, the base block); a dir holding it is unusable.</summary>
    public static ReadOnlySpan<byte> SnapshotImport => "snapshotImport"u8;

    /// <summary>Column.Meta: the base block (8) of a node started from a snapshot; blocks, receipts and records before it are absent.</summary>
    public static ReadOnlySpan<byte> SnapshotBase => "snapshotBase"u8;

    public static byte[] HeaderKey(Hash32 hash)
    {
        var key = new byte[1 + Hash32.Length];
        key[0] = HeaderPrefix;
        hash.WriteTo(key.AsSpan(1));
        return key;
    }

    public static byte[] NumberKey(ulong number)
    {
        var key = new byte[9];
        key[0] = NumberPrefix;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), number);
        return key;
    }

    /// <summary>Column.TxIndex value: block number(8) ‖ index in block(4), big-endian.</summary>
    public static byte[] TxLocation(ulong number, int index)
    {
        var value = new byte[12];
        BinaryPrimitives.WriteUInt64BigEndian(value, number);
        BinaryPrimitives.WriteInt32BigEndian(value.AsSpan(8), index);
        return value;
    }

    public static (ulong Number, int Index) ReadTxLocation(byte[] value)
    {
        if (value.Length != 12)
        {
            throw new InvalidDataException($"a transaction index entry is 12 bytes, found {value.Length}");
        }

        return (BinaryPrimitives.ReadUInt64BigEndian(value), BinaryPrimitives.ReadInt32BigEndian(value.AsSpan(8)));
    }

    public static byte[] UInt64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] UInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
