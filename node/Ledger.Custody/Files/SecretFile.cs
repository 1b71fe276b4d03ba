using System.Text;

namespace Ledger.Custody.Files;

/// <summary>
/// Files that hold secrets (plain keys, keystores, passwords, PINs): written owner-only (0600) and never over an existing
/// file; read with a check that nobody but the owner can read them, as ssh does for its keys.
/// </summary>
public static class SecretFile
{
    /// <summary>Owner read and write: the only mode a secret file should have.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Most bytes read from a password or PIN file: a secret is short; a large file is the wrong file.</summary>
    public const int MaxSecretBytes = 4096;

    /// <summary>
    /// Creates <paramref name="path"/> with mode 0600 from the start (no window in which it is readable by others) and
    /// writes <paramref name="content"/>; refuses to replace an existing file, so a key is never lost by overwriting.
    /// </summary>
    public static void WriteNew(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using var stream = new FileStream(path, options);
            var bytes = Encoding.UTF8.GetBytes(content);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new KeyCustodyException($"'{path}' already exists; a key file is never overwritten (move it away or choose another name)");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyCustodyException($"cannot write '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Why <paramref name="path"/> is readable by more than its owner ("mode 0644: group and others can read it"), or null
    /// when it is private. Always null on Windows, whose ACLs this check does not read.
    /// </summary>
    public static string? Exposure(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOther) == 0)
        {
            return null;
        }

        var who = (mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute)) != 0
            ? (mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != 0 ? "its group and all users" : "its group"
            : "all users";
        return $"mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')} lets {who} read or change it (fix: chmod 600 '{path}')";
    }

    /// <summary>
    /// Reads a password or PIN: the whole file less one trailing line break (as <c>echo secret &gt; file</c> leaves it).
    /// <paramref name="what"/> names the secret in errors ("keystore password file"). Refuses an empty or oversized file.
    /// </summary>
    public static string ReadSecret(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new KeyCustodyException($"{what} '{path}' does not exist");
            }

            if (info.Length > MaxSecretBytes)
            {
                throw new KeyCustodyException($"{what} '{path}' is {info.Length} bytes; a password or PIN file holds one line of at most {MaxSecretBytes} bytes");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyCustodyException($"cannot read {what} '{path}': {ex.Message}", ex);
        }

        var secret = TrimLineBreak(Encoding.UTF8.GetString(bytes));
        return secret.Length > 0 ? secret : throw new KeyCustodyException($"{what} '{path}' is empty");
    }

    /// <summary>A secret from the environment variable <paramref name="name"/>; a clear error when it is unset or empty.</summary>
    public static string ReadEnvironment(string name, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(value)
            ? throw new KeyCustodyException($"the environment variable {name} named for the {what} is not set or empty")
            : TrimLineBreak(value);
    }

    private static string TrimLineBreak(string text) =>
        text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2]
        : text.EndsWith('\n') ? text[..^1]
        : text;
}
