using System.Reflection;

namespace Ledger.Console.Tests.Infrastructure;

/// <summary>Where things are in the repository, found from the test assembly's folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding Ledger.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The build configuration of this test assembly (Debug or Release).</summary>
    public static string Configuration =>
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Debug";

    /// <summary>The built `ledger` (node/Ledger.Node/bin/&lt;Configuration&gt;/net10.0/ledger.dll), or LEDGER_DLL when set.</summary>
    public static string LedgerDll
    {
        get
        {
            if (Environment.GetEnvironmentVariable("LEDGER_DLL") is { Length: > 0 } configured)
            {
                return configured;
            }

            var path = Path.Combine(Root, "node", "Ledger.Node", "bin", Configuration, "net10.0", "ledger.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"the node is not built: {path} is missing (run `dotnet build node/Ledger.Node -c {Configuration}`)");
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ledger.sln")))
            {
                return directory.FullName;
            }

            directory = directory.Parent;
        }

        throw new DirectoryNotFoundException($"no Ledger.sln in {AppContext.BaseDirectory} or any folder above it");
    }
}
