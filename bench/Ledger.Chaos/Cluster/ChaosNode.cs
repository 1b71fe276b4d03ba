using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ledger.Core.Primitives;

namespace Ledger.Chaos.Cluster;

/// <summary>
/// One validator as a real <c>ledger run</c> process on fixed loopback ports (stable across restarts, so clients keep
/// their URLs), dialling its peers through the proxies given in <see cref="PeerEndpoints"/>. The harness can SIGKILL,
/// SIGTERM, SIGSTOP/SIGCONT, restart it (optionally on an empty data directory or with a skewed clock), and every exit it
/// did not cause is recorded in <see cref="Exits"/>. Output goes to a log file; the tail is kept for messages.
/// </summary>
public sealed partial class ChaosNode : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(180);
    private readonly StringBuilder _tail = new();
    private readonly Lock _lock = new();
    private readonly string _genesisPath;
    private readonly string _keyPath;
    private readonly Stopwatch _clock;
    private readonly List<NodeExit> _exits = [];
    private Process? _process;
    private StreamWriter? _log;
    private string? _expectedExit;
    private int _starts;

    public ChaosNode(int index, Address address, string genesisPath, string keyPath, string home, int rpcPort, int grpcPort, Stopwatch clock)
    {
        Index = index;
        Address = address;
        _genesisPath = genesisPath;
        _keyPath = keyPath;
        Home = home;
        RpcPort = rpcPort;
        GrpcPort = grpcPort;
        _clock = clock;
        DataDirectory = Path.Combine(home, "data");
        Directory.CreateDirectory(home);
    }

    public int Index { get; }

    public Address Address { get; }

    public string Home { get; }

    /// <summary>The data directory of the next start (a <see cref="DataVolume"/> may move it onto a tmpfs).</summary>
    public string DataDirectory { get; set; }

    public int RpcPort { get; }

    public int GrpcPort { get; }

    public Uri RpcUrl => new($"http://127.0.0.1:{RpcPort.ToString(CultureInfo.InvariantCulture)}");

    /// <summary><c>ADDRESS=HOST:PORT</c> values for <c>--peer-endpoint</c>, one per peer.</summary>
    public IReadOnlyList<string> PeerEndpoints { get; set; } = [];

    /// <summary>Wall-clock offset of the next start in seconds (0 = the true clock); applied through libfaketime.</summary>
    public int ClockOffsetSeconds { get; set; }

    public NodeState State { get; private set; } = NodeState.Stopped;

    /// <summary>
    /// The running process's id, or null. Read from other tasks (the memory monitor) while a restart disposes the old
    /// <see cref="Process"/>: a disposed one throws "No process is associated with this object", which means not running.
    /// </summary>
    public int? ProcessId
    {
        get
        {
            var process = _process;
            try
            {
                return process is { HasExited: false } ? process.Id : null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }

    public string LogPath => Path.Combine(Home, "node.log");

    public IReadOnlyList<NodeExit> Exits
    {
        get
        {
            lock (_lock)
            {
                return [.. _exits];
            }
        }
    }

    public string Tail
    {
        get
        {
            lock (_lock)
            {
                return _tail.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the process and waits for its ready line. <paramref name="exitExpected"/>: the harness expects this start
    /// may end by itself (a start on a full disk), so such an exit is not counted as unexpected.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken, string? exitExpected = null)
    {
        if (State != NodeState.Stopped)
        {
            throw new InvalidOperationException($"node {Index} is {State}; stop it before starting it");
        }

        _process?.Dispose();
        _starts++;
        Directory.CreateDirectory(DataDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Home,
        };
        start.ArgumentList.Add(LedgerBinary.Path);
        foreach (var arg in new[]
        {
            "run", "--genesis", _genesisPath, "--key", _keyPath, "--data", DataDirectory,
            "--rpc-port", RpcPort.ToString(CultureInfo.InvariantCulture),
            "--grpc-port", GrpcPort.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var endpoint in PeerEndpoints)
        {
            start.ArgumentList.Add("--peer-endpoint");
            start.ArgumentList.Add(endpoint);
        }

        if (ClockOffsetSeconds != 0)
        {
            foreach (var (name, value) in ClockSkew.Environment(ClockOffsetSeconds))
            {
                start.Environment[name] = value;
            }
        }

        _log ??= new StreamWriter(LogPath, append: true) { AutoFlush = true };
        Append($"--- start #{_starts} at {_clock.Elapsed.TotalSeconds:F1} s{(ClockOffsetSeconds != 0 ? $", clock {ClockOffsetSeconds:+0;-0} s" : "")}: dotnet {string.Join(' ', start.ArgumentList)}");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, ready);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, ready);
        process.Exited += (_, _) => OnExited(process, ready);
        lock (_lock)
        {
            _expectedExit = exitExpected;
        }

        process.Start();
        _process = process;
        State = NodeState.Running;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(ReadyTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            Kill("no ready line in time");
            throw new InvalidOperationException($"node {Index} printed no ready line within {ReadyTimeout.TotalSeconds:0} s:\n{Tail}");
        }
    }

    /// <summary>SIGKILL: no shutdown code runs (a power cut of the process).</summary>
    public void Kill(string why = "killed (SIGKILL)")
    {
        if (_process is not { } process || State == NodeState.Stopped)
        {
            return;
        }

        ExpectExit(why);
        Signals.Send(process.Id, Signals.Kill);
        process.WaitForExit();
        State = NodeState.Stopped;
    }

    /// <summary>SIGTERM and wait for the graceful exit (the pool is saved); SIGKILL after <paramref name="timeout"/>.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        if (_process is not { } process || State == NodeState.Stopped)
        {
            return;
        }

        if (State == NodeState.Paused)
        {
            Resume();
        }

        ExpectExit("stopped (SIGTERM)");
        Signals.Send(process.Id, Signals.Term);
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Append($"--- no exit {timeout.TotalSeconds:0} s after SIGTERM: SIGKILL");
            Signals.Send(process.Id, Signals.Kill);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        State = NodeState.Stopped;
    }

    /// <summary>SIGSTOP: the process freezes with its sockets open (a long GC or VM pause).</summary>
    public void Pause()
    {
        if (_process is { HasExited: false } process && State == NodeState.Running && Signals.Send(process.Id, Signals.Stop))
        {
            State = NodeState.Paused;
            Append($"--- paused (SIGSTOP) at {_clock.Elapsed.TotalSeconds:F1} s");
        }
    }

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume()
    {
        if (_process is { HasExited: false } process && State == NodeState.Paused && Signals.Send(process.Id, Signals.Cont))
        {
            State = NodeState.Running;
            Append($"--- resumed (SIGCONT) at {_clock.Elapsed.TotalSeconds:F1} s");
        }
    }

    /// <summary>The harness expects the process to exit now (a filled disk stops it): that exit is not a failure.</summary>
    public void ExpectExit(string why)
    {
        lock (_lock)
        {
            _expectedExit = why;
        }
    }

    /// <summary>Deletes the data directory (the node must be stopped): the next start begins from genesis.</summary>
    public void Wipe()
    {
        if (State != NodeState.Stopped)
        {
            throw new InvalidOperationException($"node {Index} must be stopped before its data is wiped");
        }

        if (Directory.Exists(DataDirectory))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(DataDirectory))
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
        }

        Append($"--- data directory wiped at {_clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Resident set size of the running process in bytes (from /proc), or null when it is not running.</summary>
    public long? ResidentBytes()
    {
        if (ProcessId is not { } pid)
        {
            return null;
        }

        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // exited meanwhile
        }

        return null;
    }

    public void Dispose()
    {
        if (_process is { HasExited: false } process)
        {
            ExpectExit("harness disposed");
            Signals.Send(process.Id, Signals.Kill);
            process.WaitForExit();
        }

        State = NodeState.Stopped;
        _process?.Dispose();
        _process = null;
        lock (_lock)
        {
            _log?.Dispose();
            _log = null;
        }
    }

    private void OnExited(Process process, TaskCompletionSource ready)
    {
        int code;
        try
        {
            code = process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            code = -1;
        }

        string? expected;
        lock (_lock)
        {
            expected = _expectedExit;
            _expectedExit = null;
            _exits.Add(new NodeExit(Index, code, expected is not null, _clock.Elapsed, expected ?? "exited by itself"));
        }

        if (ReferenceEquals(process, _process))
        {
            State = NodeState.Stopped;
        }

        Append($"--- exited with code {code} at {_clock.Elapsed.TotalSeconds:F1} s ({expected ?? "NOT caused by the harness"})");
        ready.TrySetException(new InvalidOperationException($"node {Index} exited with code {code} before it was ready:\n{Tail}"));
    }

    private void OnLine(string? line, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        Append(line);
        if (ReadyLine().IsMatch(line))
        {
            ready.TrySetResult();
        }
    }

    private void Append(string line)
    {
        lock (_lock)
        {
            _log?.WriteLine(line);
            _tail.AppendLine(line);
            if (_tail.Length > 16_000)
            {
                _tail.Remove(0, _tail.Length - 8_000);
            }
        }
    }

    [GeneratedRegex(@"ledger ready rpc=http://\S+ grpc=https?://\S+")]
    private static partial Regex ReadyLine();
}
