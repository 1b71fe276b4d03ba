using Ledger.Core.Encoding;

namespace Ledger.Core.Tests;

/// <summary>Takes a raw transaction apart into its encoded fields and puts (possibly tampered) fields back together.</summary>
internal static class RawTransactions
{
    public static (byte? Type, List<byte[]> Fields) Split(byte[] raw)
    {
        byte? type = raw[0] < 0xc0 ? raw[0] : null;
        var reader = new RlpReader(type is null ? raw : raw.AsSpan(1));
        var list = reader.ReadList();
        var fields = new List<byte[]>();
        while (list.HasMore)
        {
            fields.Add(list.ReadEncodedItem().ToArray());
        }

        return (type, fields);
    }

    public static byte[] Join(byte? type, IEnumerable<byte[]> fields)
    {
        var writer = new RlpWriter();
        if (type is { } t)
        {
            writer.WriteEncoded([t]);
        }

        writer.StartList();
        foreach (var field in fields)
        {
            writer.WriteEncoded(field);
        }

        return writer.EndList().ToArray();
    }

    public static byte[] WithField(byte[] raw, int index, byte[] encodedField)
    {
        var (type, fields) = Split(raw);
        fields[index] = encodedField;
        return Join(type, fields);
    }

    public static byte[] Scalar(ulong value) => new RlpWriter().WriteUInt64(value).ToArray();

    public static byte[] Bytes(byte[] value) => new RlpWriter().WriteBytes(value).ToArray();
}
