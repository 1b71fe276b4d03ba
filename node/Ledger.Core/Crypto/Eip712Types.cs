using System.Text;
using Ledger.Core.Primitives;

namespace Ledger.Core.Crypto;

/// <summary>
/// A small general EIP-712 encoder for struct types made of address, bool, uintN, bytes32, string, bytes and other
/// structs of the same set (no arrays). It follows the spec literally: encodeType lists the primary type, then the
/// struct types it references sorted by name; encodeData hashes strings, bytes and nested structs and left-pads the
/// rest to 32 bytes. Used by tooling and tests; a hot path (Settlement's quote) hashes its flat struct directly.
/// </summary>
public sealed class Eip712Types
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> _structs;

    public Eip712Types(IReadOnlyDictionary<string, IReadOnlyList<Eip712Field>> structs)
    {
        ArgumentNullException.ThrowIfNull(structs);
        _structs = structs;
    }

    /// <summary>encodeType(primaryType), e.g. "Mail(Person from,Person to,string contents)Person(string name,address wallet)".</summary>
    public string EncodeType(string primaryType)
    {
        var referenced = new SortedSet<string>(StringComparer.Ordinal);
        CollectReferences(primaryType, referenced);
        referenced.Remove(primaryType);
        var text = new StringBuilder();
        foreach (var name in new[] { primaryType }.Concat(referenced))
        {
            text.Append(name).Append('(');
            text.AppendJoin(',', Fields(name).Select(f => f.Type + " " + f.Name));
            text.Append(')');
        }

        return text.ToString();
    }

    public Hash32 TypeHash(string primaryType) => Eip712.TypeHash(EncodeType(primaryType));

    /// <summary>hashStruct(value) of type <paramref name="primaryType"/>; every field of the type must be present in <paramref name="value"/>.</summary>
    public Hash32 HashStruct(string primaryType, IReadOnlyDictionary<string, object?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var fields = Fields(primaryType);
        var encoded = new byte[32 * fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (!value.TryGetValue(field.Name, out var item))
            {
                throw new ArgumentException($"EIP-712 {primaryType}: the value has no field '{field.Name}'", nameof(value));
            }

            EncodeValue(field.Type, item, encoded.AsSpan(32 * i, 32), $"{primaryType}.{field.Name}");
        }

        return Eip712.HashStruct(TypeHash(primaryType), encoded);
    }

    private IReadOnlyList<Eip712Field> Fields(string type) =>
        _structs.TryGetValue(type, out var fields) ? fields : throw new ArgumentException($"EIP-712 type '{type}' is not defined");

    private void CollectReferences(string type, SortedSet<string> found)
    {
        if (!found.Add(type))
        {
            return;
        }

        foreach (var field in Fields(type))
        {
            if (_structs.ContainsKey(field.Type))
            {
                CollectReferences(field.Type, found);
            }
        }
    }

    private void EncodeValue(string type, object? value, Span<byte> word, string path)
    {
        if (_structs.ContainsKey(type))
        {
            var nested = value as IReadOnlyDictionary<string, object?>
                ?? throw new ArgumentException($"EIP-712 {path}: a {type} struct needs a dictionary of its fields");
            HashStruct(type, nested).WriteTo(word);
            return;
        }

        switch (type, value)
        {
            case ("address", Address address):
                word.Clear();
                address.WriteTo(word[12..]);
                return;
            case ("bool", bool flag):
                word.Clear();
                word[31] = flag ? (byte)1 : (byte)0;
                return;
            case ("string", string text):
                Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(text), word);
                return;
            case ("bytes", byte[] bytes):
                Keccak256.Hash(bytes, word);
                return;
            case ("bytes32", Hash32 hash):
                hash.WriteTo(word);
                return;
            case ("bytes32", byte[] { Length: 32 } raw):
                raw.CopyTo(word);
                return;
            case (_, UInt256 number) when type.StartsWith("uint", StringComparison.Ordinal):
                number.WriteBigEndian(word);
                return;
            case (_, ulong number) when type.StartsWith("uint", StringComparison.Ordinal):
                new UInt256(number).WriteBigEndian(word);
                return;
            default:
                throw new ArgumentException(
                    $"EIP-712 {path}: cannot encode {value?.GetType().Name ?? "null"} as {type} " +
                    "(supported: address, bool, uintN, bytes32, string, bytes and nested structs)");
        }
    }
}
