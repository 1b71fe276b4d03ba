using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;

namespace Ledger.Core.Chain;

/// <summary>
/// Header encodings. Storage form: <c>rlp([parentHash, number, timestampMs, proposer, round, txRoot,
/// receiptsRoot, stateRoot, validatorSetHash, gasUsed, gasLimit, logsBloom])</c>. Hash form (docs/architecture.md):
/// the same without round, so re-proposing a block in a later round does not change its hash.
/// </summary>
public static class BlockHeaderCodec
{
    public const int FieldCount = 12;

    public static byte[] Encode(BlockHeader header)
    {
        var writer = new RlpWriter(512);
        Write(writer, header, includeRound: true);
        return writer.ToArray();
    }

    public static BlockHeader Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new RlpReader(encoded);
        var header = Read(ref reader);
        reader.EnsureFinished("the block header");
        return header;
    }

    public static Hash32 ComputeHash(BlockHeader header)
    {
        var writer = new RlpWriter(512);
        Write(writer, header, includeRound: false);
        return Keccak256.Hash(writer.WrittenSpan);
    }

    internal static void Write(RlpWriter writer, BlockHeader header, bool includeRound)
    {
        if (header.LogsBloom.Length != Bloom.Length)
        {
            throw new ArgumentException($"the logs bloom is {Bloom.Length} bytes, got {header.LogsBloom.Length}", nameof(header));
        }

        writer.StartList()
            .WriteHash(header.ParentHash)
            .WriteUInt64(header.Number)
            .WriteUInt64(header.TimestampMs)
            .WriteAddress(header.Proposer);
        if (includeRound)
        {
            writer.WriteUInt64(header.Round);
        }

        writer.WriteHash(header.TransactionsRoot)
            .WriteHash(header.ReceiptsRoot)
            .WriteHash(header.StateRoot)
            .WriteHash(header.ValidatorSetHash)
            .WriteUInt64(header.GasUsed)
            .WriteUInt64(header.GasLimit)
            .WriteBytes(header.LogsBloom)
            .EndList();
    }

    internal static BlockHeader Read(ref RlpReader reader)
    {
        var list = reader.ReadList();
        var count = list.CountRemainingItems();
        if (count != FieldCount)
        {
            throw new RlpException($"a block header has {FieldCount} fields, got {count}");
        }

        var parentHash = list.ReadHash();
        var number = list.ReadUInt64();
        var timestamp = list.ReadUInt64();
        var proposer = list.ReadAddress();
        var round = list.ReadUInt64();
        if (round > uint.MaxValue)
        {
            throw new RlpException($"block header round {round} does not fit in 32 bits");
        }

        var header = new BlockHeader
        {
            ParentHash = parentHash,
            Number = number,
            TimestampMs = timestamp,
            Proposer = proposer,
            Round = (uint)round,
            TransactionsRoot = list.ReadHash(),
            ReceiptsRoot = list.ReadHash(),
            StateRoot = list.ReadHash(),
            ValidatorSetHash = list.ReadHash(),
            GasUsed = list.ReadUInt64(),
            GasLimit = list.ReadUInt64(),
            LogsBloom = ReadBloom(ref list),
        };
        return header;
    }

    private static byte[] ReadBloom(ref RlpReader list)
    {
        var bloom = list.ReadBytes();
        if (bloom.Length != Bloom.Length)
        {
            throw new RlpException($"a logs bloom is {Bloom.Length} bytes, got {bloom.Length}");
        }

        return bloom.ToArray();
    }
}
