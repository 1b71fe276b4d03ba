using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Ledger.LoadGen;

/// <summary>
/// `--spawn-dev`: runs the repo's built `ledger dev` on free ports with a temporary data folder, waits for its
/// ready line, and on dispose stops it with SIGTERM and deletes the folder.
/// </summary>
public sealed partial class DevNodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DevNodeProcess(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public Uri RpcUrl { get; private set; } = null!;

    public static DevNodeProcess Start(int? blockIntervalMs, TextWriter log)
    {
        var dll = FindLedgerDll();
        var data = Directory.CreateTempSubdirectory("ledger-loadgen-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "dev", "--data", data, "--rpc-port", "0", "--grpc-port", "0" })
        {
            start.ArgumentList.Add(arg);
        }

        if (blockIntervalMs is { } interval)
        {
            start.ArgumentList.Add("--block-interval-ms");
            start.ArgumentList.Add(interval.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        log.WriteLine($"starting {dll} dev --data {data}");
        var node = new DevNodeProcess(new Process { StartInfo = start }, data);
        node.WaitUntilReady();
        return node;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                using (Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                }

                if (!_process.WaitForExit(TimeSpan.FromSeconds(20)))
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit();
                }
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder left behind is harmless.
            }
        }
    }

    /// <summary>
    /// LEDGER_DLL, else node/Ledger.Node/bin/&lt;Configuration&gt;/net10.0/ledger.dll under the repo root, preferring this
    /// tool's own configuration (the project reference builds that one first), then Release, then Debug.
    /// </summary>
    public static string FindLedgerDll()
    {
        if (Environment.GetEnvironmentVariable("LEDGER_DLL") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"LEDGER_DLL points to {configured}, which does not exist");
        }

        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Ledger.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new FileNotFoundException($"no Ledger.sln above {AppContext.BaseDirectory}; set LEDGER_DLL to the built ledger.dll");
        }

        var own = typeof(DevNodeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Release";
        var candidates = new[] { own, "Release", "Debug" }
            .Distinct()
            .Select(c => Path.Combine(root.FullName, "node", "Ledger.Node", "bin", c, "net10.0", "ledger.dll"))
            .Where(File.Exists)
            .ToList();
        return candidates.Count > 0
            ? candidates[0]
            : throw new FileNotFoundException($"no built ledger.dll under {root.FullName}/node/Ledger.Node/bin; run `dotnet build -c Release node/Ledger.Node`");
    }

    private void WaitUntilReady()
    {
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(e.Data);
            }

            var match = ReadyLine().Match(e.Data);
            if (match.Success)
            {
                ready.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }

        _process.OutputDataReceived += OnLine;
        _process.ErrorDataReceived += OnLine;
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"ledger dev exited with code {_process.ExitCode} before it was ready:\n{Output()}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ledger dev printed no ready line within 60 s:\n{Output()}");
        }

        RpcUrl = ready.Task.Result;
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    [GeneratedRegex(@"ledger ready rpc=(\S+) grpc=(\S+)")]
    private static partial Regex ReadyLine();
}
