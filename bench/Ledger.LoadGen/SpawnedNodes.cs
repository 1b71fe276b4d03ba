using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Ledger.LoadGen;

/// <summary>
/// `--spawn-dev` / `--spawn-testnet`: runs the repo's built `ledger dev` (one validator) or `ledger testnet` (four
/// validator processes under one parent) on free JSON-RPC ports with a temporary data folder, waits until every
/// node printed its ready line, and on dispose stops it with SIGTERM (the testnet parent stops its children) and
/// deletes the folder.
/// </summary>
public sealed partial class SpawnedNodes : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly int _expectedNodes;
    private readonly string _command;

    private SpawnedNodes(Process process, string dataDirectory, string command, int expectedNodes)
    {
        _process = process;
        DataDirectory = dataDirectory;
        _command = command;
        _expectedNodes = expectedNodes;
    }

    public string DataDirectory { get; }

    /// <summary>The JSON-RPC endpoint of every node, in the order they became ready.</summary>
    public IReadOnlyList<Uri> RpcUrls { get; private set; } = [];

    public static SpawnedNodes Start(int? blockIntervalMs, TextWriter log)
    {
        var data = Directory.CreateTempSubdirectory("ledger-loadgen-").FullName;
        List<string> args = ["dev", "--data", data, "--rpc-port", "0", "--grpc-port", "0"];
        if (blockIntervalMs is { } interval)
        {
            args.AddRange(["--block-interval-ms", interval.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        return Launch(args, data, expectedNodes: 1, log);
    }

    /// <summary>`ledger testnet` with its four JSON-RPC ports at a free base (its peer ports are the genesis ones).</summary>
    public static SpawnedNodes StartTestnet(TextWriter log)
    {
        var data = Directory.CreateTempSubdirectory("ledger-loadgen-testnet-").FullName;
        var basePort = FreePortRun(4).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Launch(["testnet", "--data", data, "--rpc-port", basePort], data, expectedNodes: 4, log);
    }

    /// <summary>Starts `dotnet ledger.dll <paramref name="args"/>` and waits for the ready line of each of its nodes.</summary>
    private static SpawnedNodes Launch(List<string> args, string data, int expectedNodes, TextWriter log)
    {
        var dll = FindLedgerDll();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        log.WriteLine($"starting {dll} {string.Join(' ', args)}");
        var nodes = new SpawnedNodes(new Process { StartInfo = start }, data, $"ledger {args[0]}", expectedNodes);
        nodes.WaitUntilReady();
        return nodes;
    }

    /// <summary>The first of <paramref name="count"/> consecutive loopback ports that are all free right now.</summary>
    public static int FreePortRun(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            var first = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            if (first + count <= 65535 && Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"found no {count} consecutive free ports on 127.0.0.1");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
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

        var own = typeof(SpawnedNodes).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
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
        var ready = new TaskCompletionSource<IReadOnlyList<Uri>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var urls = new List<Uri>();
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
                lock (urls)
                {
                    urls.Add(new Uri(match.Groups[1].Value));
                    if (urls.Count == _expectedNodes)
                    {
                        ready.TrySetResult([.. urls]);
                    }
                }
            }
        }

        _process.OutputDataReceived += OnLine;
        _process.ErrorDataReceived += OnLine;
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"{_command} exited with code {_process.ExitCode} before it was ready:\n{Output()}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(90)))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{_command}: not all {_expectedNodes} node(s) printed a ready line within 90 s:\n{Output()}");
        }

        RpcUrls = ready.Task.Result;
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
