using System.Buffers.Binary;
using Ledger.Core.Primitives;

namespace Ledger.Execution.Indexing;

/// <summary>
/// Keys of <c>Column.AccountIndex</c> (documented in docs/state.md, "Account index"). Positions are stored inverted
/// (~block ‖ ~sequence, big-endian) so ascending key order is newest first and a page is one seek:
/// <list type="bullet">
/// <item>'t' ‖ account(20) ‖ token(20) ‖ ~block(8) ‖ ~sequence(4) → the record (AccountRecordCodec)</item>
/// <item>'c' ‖ account(20) ‖ counterparty(20) ‖ ~block ‖ ~sequence → token(20): points at the 't' row</item>
/// </list>
/// Two rows per record: every row is a memtable insert in the block's batch, and rows, not bytes, dominate what the
/// index adds to a commit (an "all tokens" page merges the account's per-token runs instead of a third copy).
/// Reserved for per-token aggregates (supply minted/burned/redeemed per day, holders), not written yet: 's' ‖ token ‖ day.
/// </summary>
internal static class AccountIndexKeys
{
    public const byte ByToken = (byte)'t';
    public const byte ByCounterparty = (byte)'c';

    public const int PositionLength = 12;

    /// <summary>Column.Meta: layout version of the complete index (4, big-endian); absent while it is built or missing.</summary>
    public static ReadOnlySpan<byte> Complete => "accountIndex"u8;

    /// <summary>Column.Meta: the next block a reindex that was interrupted resumes from (8, big-endian).</summary>
    public static ReadOnlySpan<byte> Building => "accountIndexBuild"u8;

    public const uint Version = 1;

    public static byte[] Prefix(byte family, Address account, Address? second = null)
    {
        var key = new byte[1 + Address.Length + (second is null ? 0 : Address.Length)];
        key[0] = family;
        account.WriteTo(key.AsSpan(1));
        second?.WriteTo(key.AsSpan(1 + Address.Length));
        return key;
    }

    /// <summary>family ‖ account ‖ [second] ‖ ~block ‖ ~sequence, built in one array (two per record on the commit path).</summary>
    public static byte[] Row(byte family, Address account, Address? second, ulong block, int sequence)
    {
        var length = 1 + Address.Length + (second is null ? 0 : Address.Length);
        var key = new byte[length + PositionLength];
        key[0] = family;
        account.WriteTo(key.AsSpan(1));
        second?.WriteTo(key.AsSpan(1 + Address.Length));
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(length), ~block);
        BinaryPrimitives.WriteUInt32BigEndian(key.AsSpan(length + 8), ~(uint)sequence);
        return key;
    }

    /// <summary><paramref name="prefix"/> ‖ ~block ‖ ~sequence.</summary>
    public static byte[] At(byte[] prefix, ulong block, int sequence)
    {
        var key = new byte[prefix.Length + PositionLength];
        prefix.CopyTo(key, 0);
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(prefix.Length), ~block);
        BinaryPrimitives.WriteUInt32BigEndian(key.AsSpan(prefix.Length + 8), ~(uint)sequence);
        return key;
    }

    /// <summary>The first key of <paramref name="block"/> (its newest record) under <paramref name="prefix"/>.</summary>
    public static byte[] NewestOf(byte[] prefix, ulong block) => At(prefix, block, int.MaxValue);

    /// <summary>The smallest key after <paramref name="key"/> itself (keys of one family all have the same length).</summary>
    public static byte[] After(byte[] key)
    {
        var next = new byte[key.Length + 1];
        key.CopyTo(next, 0);
        return next;
    }

    /// <summary>The position stored in the last 12 bytes of a key.</summary>
    public static (ulong Block, int Sequence) Position(ReadOnlySpan<byte> key)
    {
        var tail = key[^PositionLength..];
        return (~BinaryPrimitives.ReadUInt64BigEndian(tail), (int)~BinaryPrimitives.ReadUInt32BigEndian(tail[8..]));
    }
}
