using Ledger.Consensus.Messages;
using Ledger.Core.Chain;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Consensus.Persistence;

/// <summary>
/// Storage form of <see cref="LockState"/>: <c>rlp([1, height, round, sentProposal, sentPrepare, sentCommit,
/// [] | [preparedRound, block, [prepare…]]])</c>; an absent hash is the empty string.
/// </summary>
public static class LockStateCodec
{
    private const ulong Version = 1;

    public static byte[] Encode(LockState state)
    {
        var writer = new RlpWriter(state.PreparedBlock is null ? 160 : 2048);
        writer.StartList().WriteUInt64(Version).WriteUInt64(state.Height).WriteUInt64(state.Round);
        WriteOptional(writer, state.SentProposal);
        WriteOptional(writer, state.SentPrepare);
        WriteOptional(writer, state.SentCommit);
        writer.StartList();
        if (state is { PreparedRound: { } round, PreparedBlock: { } block })
        {
            writer.WriteUInt64(round).WriteBytes(BlockCodec.Encode(block)).StartList();
            foreach (var prepare in state.PreparedCertificate)
            {
                ConsensusMessageCodec.Write(writer, prepare);
            }

            writer.EndList();
        }

        writer.EndList().EndList();
        return writer.ToArray();
    }

    /// <summary>Throws <see cref="FormatException"/> for bytes this codec did not write: a corrupt lock state must stop the node.</summary>
    public static LockState Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new RlpReader(encoded);
        var list = reader.ReadList();
        reader.EnsureFinished("the lock state");
        var version = list.ReadUInt64();
        if (version != Version)
        {
            throw new FormatException($"unknown lock state version {version}");
        }

        var height = list.ReadUInt64();
        var round = checked((uint)list.ReadUInt64());
        var sentProposal = ReadOptional(ref list);
        var sentPrepare = ReadOptional(ref list);
        var sentCommit = ReadOptional(ref list);
        var prepared = list.ReadList();
        list.EnsureFinished("the lock state");
        var state = new LockState
        {
            Height = height,
            Round = round,
            SentProposal = sentProposal,
            SentPrepare = sentPrepare,
            SentCommit = sentCommit,
        };
        if (!prepared.HasMore)
        {
            return state;
        }

        var preparedRound = checked((uint)prepared.ReadUInt64());
        var block = BlockCodec.Decode(prepared.ReadBytes());
        var certificate = ConsensusMessageCodec.ReadPrepares(ref prepared);
        prepared.EnsureFinished("the prepared lock");
        return state with { PreparedRound = preparedRound, PreparedBlock = block, PreparedCertificate = certificate };
    }

    private static void WriteOptional(RlpWriter writer, Hash32? hash)
    {
        if (hash is { } value)
        {
            writer.WriteHash(value);
        }
        else
        {
            writer.WriteBytes([]);
        }
    }

    private static Hash32? ReadOptional(ref RlpReader reader)
    {
        var bytes = reader.ReadBytes();
        return bytes.Length switch
        {
            0 => null,
            Hash32.Length => new Hash32(bytes),
            _ => throw new FormatException($"expected a 32-byte hash or empty, got {bytes.Length} bytes"),
        };
    }
}
