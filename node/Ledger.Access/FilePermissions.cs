namespace Ledger.Access;

/// <summary>
/// Whether a secret file is readable by others (as ssh checks its keys). The same rule as the key custody's secret
/// files: group or other bits set = refused, with the chmod that fixes it.
/// </summary>
public static class FilePermissions
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Why <paramref name="path"/> is exposed ("mode 0644 …; fix: chmod 600 …"), or null when owner-only (always null on Windows).</summary>
    public static string? Exposure(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & GroupOrOther) == 0
            ? null
            : $"mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')} lets other users read or change it (fix: chmod 600 '{path}')";
    }
}
