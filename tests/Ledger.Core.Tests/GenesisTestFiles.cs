namespace Ledger.Core.Tests;

/// <summary>Locates files of the repository (the folder holding Ledger.sln) from the test's output directory.</summary>
internal static class GenesisTestFiles
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string RepoGenesisPath => Path.Combine(RepoRoot, "genesis.json");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Ledger.sln above {AppContext.BaseDirectory}");
    }
}
