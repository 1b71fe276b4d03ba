using Ledger.Core.Encoding;

namespace Ledger.Core.Chain;

/// <summary>Certificate encoding: <c>rlp([blockHash, round, [[validator, signature65], ...]])</c>.</summary>
public static class CommitCertificateCodec
{
    public static byte[] Encode(CommitCertificate certificate)
    {
        var writer = new RlpWriter(64 + (certificate.Seals.Count * 90));
        Write(writer, certificate);
        return writer.ToArray();
    }

    public static CommitCertificate Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new RlpReader(encoded);
        var list = reader.ReadList();
        reader.EnsureFinished("the commit certificate");
        return Read(list);
    }

    internal static void Write(RlpWriter writer, CommitCertificate certificate)
    {
        writer.StartList().WriteHash(certificate.BlockHash).WriteUInt64(certificate.Round).StartList();
        for (var i = 0; i < certificate.Seals.Count; i++)
        {
            var seal = certificate.Seals[i];
            writer.StartList().WriteAddress(seal.Validator).WriteBytes(seal.Signature65).EndList();
        }

        writer.EndList().EndList();
    }

    /// <summary>Reads the certificate's fields from the payload of its list.</summary>
    internal static CommitCertificate Read(RlpReader list)
    {
        var count = list.CountRemainingItems();
        if (count != 3)
        {
            throw new RlpException($"a commit certificate has 3 fields, got {count}");
        }

        var blockHash = list.ReadHash();
        var round = list.ReadUInt64();
        if (round > uint.MaxValue)
        {
            throw new RlpException($"certificate round {round} does not fit in 32 bits");
        }

        var sealsReader = list.ReadList();
        var seals = new List<CommitSeal>();
        while (sealsReader.HasMore)
        {
            var seal = sealsReader.ReadList();
            var validator = seal.ReadAddress();
            var signature = seal.ReadBytes();
            seal.EnsureFinished("a commit seal [validator, signature]");
            if (signature.Length != 65)
            {
                throw new RlpException($"a commit seal signature is 65 bytes, got {signature.Length}");
            }

            seals.Add(new CommitSeal(validator, signature.ToArray()));
        }

        return new CommitCertificate(blockHash, (uint)round, seals);
    }
}
