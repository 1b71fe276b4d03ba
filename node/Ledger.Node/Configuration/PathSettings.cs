namespace Ledger.Node.Configuration;

/// <summary>Relative paths in a config file are resolved against the config file's folder.</summary>
internal static class PathSettings
{
    public static string? Resolve(string? path, string baseDirectory) =>
        string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path, baseDirectory);
}
