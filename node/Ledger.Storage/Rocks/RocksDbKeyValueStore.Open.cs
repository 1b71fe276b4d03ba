using RocksDbSharp;

namespace Ledger.Storage.Rocks;

public sealed partial class RocksDbKeyValueStore
{
    /// <summary>
    /// Opens (creating if missing) the database at <paramref name="path"/> with every <see cref="Column"/> family.
    /// Throws <see cref="StorageFailedException"/> if the directory cannot be opened, e.g. because another
    /// process holds its lock.
    /// </summary>
    public static RocksDbKeyValueStore Open(string path, Action<Exception>? onFatal = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(fullPath);

        var options = new DbOptions()
            .SetCreateIfMissing(true)
            .SetCreateMissingColumnFamilies(true)
            .SetParanoidChecks(true)
            .SetKeepLogFileNum(5);

        var families = new ColumnFamilies();
        var columns = Enum.GetValues<Column>();
        foreach (var column in columns)
        {
            families.Add(FamilyName(column), new ColumnFamilyOptions());
        }

        // RocksDB refuses to open a database without naming every family it holds; keep unknown ones (written by
        // a newer version) open but unused rather than failing.
        if (RocksDb.TryListColumnFamilies(options, fullPath, out var existing))
        {
            foreach (var name in existing)
            {
                if (name != ColumnFamilies.DefaultName && !columns.Any(c => FamilyName(c) == name))
                {
                    families.Add(name, new ColumnFamilyOptions());
                }
            }
        }

        RocksDb db;
        try
        {
            db = RocksDb.Open(options, fullPath, families);
        }
        catch (Exception ex) when (ex is RocksDbSharpException or IOException)
        {
            var hint = ex.Message.Contains("lock", StringComparison.OrdinalIgnoreCase)
                ? " (is another node already using this data directory?)"
                : string.Empty;
            throw new StorageFailedException($"cannot open the database at '{fullPath}': {ex.Message}{hint}", ex);
        }

        var handles = new ColumnFamilyHandle[columns.Max(c => (int)c) + 1];
        foreach (var column in columns)
        {
            handles[(int)column] = db.GetColumnFamily(FamilyName(column));
        }

        return new RocksDbKeyValueStore(db, handles, onFatal);
    }

    /// <summary>On-disk family name: the enum's stable number, so renaming a member never orphans its data.</summary>
    internal static string FamilyName(Column column) => "c" + ((int)column).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
