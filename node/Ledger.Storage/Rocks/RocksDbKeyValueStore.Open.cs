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

        return new RocksDbKeyValueStore(db, handles, onFatal, readOnly: false);
    }

    /// <summary>
    /// Opens an existing database without ever writing to its directory (RocksDB's read-only mode: no lock file taken, no
    /// WAL replay persisted, no compaction, no info log), for offline tools that must leave a stopped node's data or a
    /// backup exactly as they found it. Works beside a running node too (it then sees the state at open). A column
    /// family the directory lacks reads as empty. Every write throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public static RocksDbKeyValueStore OpenReadOnly(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(System.IO.Path.Combine(fullPath, "CURRENT")))
        {
            throw new StorageFailedException($"'{fullPath}' is not a database directory (it has no CURRENT file)");
        }

        var options = new DbOptions().SetCreateIfMissing(false).SetParanoidChecks(true);
        if (!RocksDb.TryListColumnFamilies(options, fullPath, out var existing))
        {
            throw new StorageFailedException($"cannot list the column families of the database at '{fullPath}'");
        }

        var families = new ColumnFamilies();
        foreach (var name in existing)
        {
            if (name != ColumnFamilies.DefaultName)
            {
                families.Add(name, new ColumnFamilyOptions());
            }
        }

        RocksDb db;
        try
        {
            db = RocksDb.OpenReadOnly(options, fullPath, families, errIfLogFileExists: false);
        }
        catch (Exception ex) when (ex is RocksDbSharpException or IOException)
        {
            throw new StorageFailedException($"cannot open the database at '{fullPath}' read-only: {ex.Message}", ex);
        }

        var columns = Enum.GetValues<Column>();
        var handles = new ColumnFamilyHandle?[columns.Max(c => (int)c) + 1];
        foreach (var column in columns)
        {
            handles[(int)column] = existing.Contains(FamilyName(column)) ? db.GetColumnFamily(FamilyName(column)) : null;
        }

        return new RocksDbKeyValueStore(db, handles, onFatal: null, readOnly: true);
    }

    /// <summary>On-disk family name: the enum's stable number, so renaming a member never orphans its data.</summary>
    internal static string FamilyName(Column column) => "c" + ((int)column).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
