using Ledger.Core.Crypto;
using Ledger.Core.Encoding;

namespace Ledger.Consensus.Messages;

public static partial class ConsensusMessageCodec
{
    /// <summary>
    /// Reads type, height, round and signature and computes the signing digest from the encoded signed fields, without
    /// decoding the attachments: a node drops junk (far heights, strangers, bad signatures) before it decodes a block.
    /// For a well-formed message <see cref="ConsensusMessageHeader.Digest"/> equals
    /// <see cref="ConsensusMessageSigning.Digest"/> of the decoded message (the fields are canonical RLP either way).
    /// Throws <see cref="ConsensusMessageFormatException"/>.
    /// </summary>
    public static ConsensusMessageHeader ReadHeader(ReadOnlySpan<byte> encoded, ulong chainId)
    {
        try
        {
            var outer = new RlpReader(encoded);
            var reader = outer.ReadList();
            var typeItem = reader.ReadEncodedItem();
            var heightItem = reader.ReadEncodedItem();
            var roundItem = reader.ReadEncodedItem();
            var fieldsItem = reader.ReadEncodedItem();
            var signature = reader.ReadBytes().ToArray();

            var type = new RlpReader(typeItem).ReadUInt64();
            if (type is < (ulong)ConsensusMessageType.Proposal or > (ulong)ConsensusMessageType.RoundChange)
            {
                throw new ConsensusMessageFormatException($"unknown consensus message type {type}");
            }

            var height = new RlpReader(heightItem).ReadUInt64();
            var round = new RlpReader(roundItem).ReadUInt64();
            if (round > uint.MaxValue)
            {
                throw new ConsensusMessageFormatException($"round {round} does not fit in 32 bits");
            }

            if (signature.Length != 65)
            {
                throw new ConsensusMessageFormatException($"a consensus signature is 65 bytes, got {signature.Length}");
            }

            var writer = new RlpWriter(96 + fieldsItem.Length);
            writer.StartList().WriteBytes(ConsensusMessageSigning.DomainBytes).WriteUInt64(chainId)
                .WriteEncoded(typeItem).WriteEncoded(heightItem).WriteEncoded(roundItem).WriteEncoded(fieldsItem).EndList();
            return new ConsensusMessageHeader((ConsensusMessageType)type, height, (uint)round, Keccak256.Hash(writer.WrittenSpan), signature);
        }
        catch (ConsensusMessageFormatException)
        {
            throw;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or InvalidOperationException)
        {
            throw new ConsensusMessageFormatException($"malformed consensus message: {ex.Message}", ex);
        }
    }
}
