using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Ledger.TestSupport;

/// <summary>
/// A throwaway SoftHSM2 token store: a folder with its own <c>softhsm2.conf</c> and token directory, one initialised
/// token with known SO and user PINs, and the user PIN in a 0600 file. SoftHSM2 finds the store through the
/// <c>SOFTHSM2_CONF</c> environment variable (<see cref="Environment"/> for child processes). Needs Debian's softhsm2
/// package (which <c>.ci/run</c> installs); without it <see cref="Create"/> throws, so a test fails with the reason
/// instead of skipping. Linked into the test projects that sign through PKCS#11.
/// </summary>
internal sealed partial class SoftHsm2Token : IDisposable
{
    public const string ModulePath = "/usr/lib/softhsm/libsofthsm2.so";
    private const string Utility = "softhsm2-util";

    private SoftHsm2Token(string directory, string label, string userPin)
    {
        Directory = directory;
        Label = label;
        UserPin = userPin;
        ConfigPath = Path.Combine(directory, "softhsm2.conf");
        PinFile = Path.Combine(directory, "user.pin");
    }

    public string Directory { get; }

    public string ConfigPath { get; }

    public string Label { get; }

    public string UserPin { get; }

    /// <summary>A 0600 file holding <see cref="UserPin"/> and a trailing newline, as an operator would write it.</summary>
    public string PinFile { get; }

    /// <summary>The variables a child process needs to see this token store.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["SOFTHSM2_CONF"] = ConfigPath };

    /// <summary>Creates the store and initialises token <paramref name="label"/> (random SO PIN and user PIN).</summary>
    public static SoftHsm2Token Create(string label, string? userPin = null)
    {
        RequireInstalled();
        var directory = System.IO.Directory.CreateTempSubdirectory("ledger-softhsm-").FullName;
        // A distinctive PIN: tests grep logs for it, so it must not be a digit run that could occur in a hash by chance.
        var token = new SoftHsm2Token(directory, label, userPin ?? "pin-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var tokens = System.IO.Directory.CreateDirectory(Path.Combine(directory, "tokens")).FullName;
            File.WriteAllText(token.ConfigPath, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
            var soPin = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            token.Run(["--init-token", "--free", "--label", label, "--so-pin", soPin, "--pin", token.UserPin]);
            File.WriteAllText(token.PinFile, token.UserPin + "\n");
            File.SetUnixFileMode(token.PinFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return token;
        }
        catch
        {
            token.Dispose();
            throw;
        }
    }

    /// <summary>Throws with the fix when SoftHSM2 is missing, so PKCS#11 tests fail loudly instead of skipping.</summary>
    public static void RequireInstalled()
    {
        if (!File.Exists(ModulePath))
        {
            throw new InvalidOperationException(
                $"SoftHSM2 is not installed ({ModulePath} is missing): run `apt-get install -y softhsm2` (.ci/run does this). The PKCS#11 tests need it.");
        }
    }

    /// <summary>
    /// Points this process's SoftHSM2 at the store, for in-process PKCS#11 use. .NET's Environment.SetEnvironmentVariable
    /// does not reach the C library's environment on Unix, where SoftHSM2 calls getenv, so this sets it there. Call it
    /// before the module is first loaded: SoftHSM2 reads the variable when it is initialised.
    /// </summary>
    public void UseInThisProcess()
    {
        if (SetEnv("SOFTHSM2_CONF", ConfigPath, 1) != 0)
        {
            throw new InvalidOperationException($"setenv(SOFTHSM2_CONF) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>A second PIN file holding <paramref name="pin"/> (0600), e.g. a wrong PIN for an error test.</summary>
    public string WritePinFile(string name, string pin)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, pin + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a process may still hold a token file
        }
    }

    private void Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Utility) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SOFTHSM2_CONF"] = ConfigPath;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Utility}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot run {Utility} ({ex.Message}): install Debian's softhsm2 package (.ci/run does this)", ex);
        }

        using var started = process;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            throw new TimeoutException($"{Utility} did not finish within 60 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Utility} exited with {process.ExitCode}: {stdout.Result}{stderr.Result}");
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
