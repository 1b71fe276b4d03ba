using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Ledger.Core.Primitives;
using Ledger.Storage;

namespace Ledger.Node.Tests.Operations;

/// <summary>Reads and damages records of a data directory by their documented keys (docs/state.md), as a disk fault or an intruder would.</summary>
internal static class DataDirectoryEdits
{
    public static Hash32 CanonicalHash(IKeyValueStore store, ulong number)
    {
        var key = new byte[9];
        key[0] = (byte)'n';
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), number);
        return new Hash32(store.Get(Column.Headers, key) ?? throw new InvalidOperationException($"block {number} is not stored"));
    }

    public static void Put(IKeyValueStore store, Column column, byte[] key, byte[] value)
    {
        using var batch = store.CreateBatch();
        batch.Put(column, key, value);
        store.Write(batch, sync: true);
    }

    /// <summary>The first stored value row ('v' ‖ ns ‖ key) of namespace <paramref name="ns"/>.</summary>
    public static KeyValuePair<byte[], byte[]> FirstValueOf(IKeyValueStore store, Address ns) =>
        store.Iterate(Column.State, [(byte)'v', .. ns.ToArray()]).First();

    /// <summary>Every row of every column, as text: equal snapshots mean the same data (RocksDB may still rewrite its files).</summary>
    public static string Rows(string directory)
    {
        using var store = Storage.Rocks.RocksDbKeyValueStore.OpenReadOnly(directory);
        var text = new StringBuilder();
        foreach (var column in Enum.GetValues<Column>())
        {
            foreach (var (key, value) in store.Iterate(column, []))
            {
                text.Append(column).Append(' ').Append(Convert.ToHexString(key)).Append('=').AppendLine(Convert.ToHexString(value));
            }
        }

        return text.ToString();
    }

    /// <summary>Every file's relative name, size and SHA-256 and its modification time: equal fingerprints mean an untouched directory.</summary>
    public static string Fingerprint(string directory)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            text.Append(Path.GetRelativePath(directory, file)).Append(' ').Append(bytes.Length).Append(' ')
                .Append(Convert.ToHexString(SHA256.HashData(bytes))).Append(' ')
                .AppendLine(File.GetLastWriteTimeUtc(file).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
