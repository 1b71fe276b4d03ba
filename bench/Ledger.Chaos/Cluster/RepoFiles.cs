namespace Ledger.Chaos.Cluster;

/// <summary>Files of the repository the campaign needs: the dev genesis (LEDGER_GENESIS overrides).</summary>
internal static class RepoFiles
{
    public static string Genesis()
    {
        if (Environment.GetEnvironmentVariable("LEDGER_GENESIS") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"LEDGER_GENESIS points to {configured}, which does not exist");
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
        {
            dir = dir.Parent;
        }

        return dir is not null
            ? Path.Combine(dir.FullName, "genesis.json")
            : throw new FileNotFoundException($"no Ledger.sln above {AppContext.BaseDirectory}; set LEDGER_GENESIS to the repo's genesis.json");
    }
}
