using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ledger.IntegrationTests.Infrastructure;

/// <summary>
/// A real `ledger dev` process on free loopback ports with its own data folder. It can be killed (SIGKILL),
/// stopped (SIGTERM) and restarted on the same folder; dispose kills it if needed and deletes the folder.
/// </summary>
public sealed partial class LedgerProcess : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _log = new();
    private Process? _process;
    private int _starts;

    private LedgerProcess(string dataDirectory, int? blockIntervalMs)
    {
        DataDirectory = dataDirectory;
        BlockIntervalMs = blockIntervalMs;
    }

    public string DataDirectory { get; }

    /// <summary>--block-interval-ms of the next start (null: the default); change it before <see cref="Restart"/>.</summary>
    public int? BlockIntervalMs { get; set; }

    /// <summary>The JSON-RPC endpoint of the current run (ports change on every start).</summary>
    public Uri RpcUrl { get; private set; } = null!;

    public Uri GrpcUrl { get; private set; } = null!;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Everything the node printed, over all runs, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts `ledger dev` in a fresh temporary data folder and waits until it serves.</summary>
    public static LedgerProcess StartDev(int? blockIntervalMs = null)
    {
        var data = Directory.CreateTempSubdirectory("ledger-it-").FullName;
        var node = new LedgerProcess(data, blockIntervalMs);
        try
        {
            node.Start();
            return node;
        }
        catch
        {
            node.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL (the whole tree): no shutdown code runs, as in a power cut of the process.</summary>
    public void Kill()
    {
        var process = RequireProcess();
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        Append($"--- killed (SIGKILL), exit code {process.ExitCode} ---");
    }

    /// <summary>SIGTERM, then waits for a graceful exit; returns the exit code.</summary>
    public int Stop(TimeSpan? timeout = null)
    {
        var process = RequireProcess();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        var limit = timeout ?? TimeSpan.FromSeconds(30);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"ledger did not exit within {limit.TotalSeconds:0} s of SIGTERM:\n{Output}");
        }

        process.WaitForExit(); // flushes the redirected output
        Append($"--- stopped (SIGTERM), exit code {process.ExitCode} ---");
        return process.ExitCode;
    }

    /// <summary>Starts the node again on the same data folder after <see cref="Kill"/> or <see cref="Stop"/>.</summary>
    public void Restart()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("the node is still running: Kill() or Stop() it before Restart()");
        }

        Start();
    }

    public void Dispose()
    {
        if (IsRunning)
        {
            _process!.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
        for (var attempt = 0; attempt < 5 && Directory.Exists(DataDirectory); attempt++)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException) when (attempt < 4)
            {
                Thread.Sleep(200);
            }
        }
    }

    private void Start()
    {
        _process?.Dispose();
        _starts++;
        // A command prefix (e.g. `ip netns exec NS`) runs the node elsewhere; `ip netns exec` execs, so the PID is the node's.
        var start = new ProcessStartInfo(_commandPrefix.Count > 0 ? _commandPrefix[0] : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        string[] prefix = _commandPrefix.Count > 0 ? [.. _commandPrefix.Skip(1), "dotnet"] : [];
        foreach (var arg in prefix.Append(RepoPaths.LedgerDll).Concat(Arguments()))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in _environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        if (BlockIntervalMs is { } interval)
        {
            start.ArgumentList.Add("--block-interval-ms");
            start.ArgumentList.Add(interval.ToString(CultureInfo.InvariantCulture));
        }

        Append($"--- start #{_starts}: dotnet {string.Join(' ', start.ArgumentList)} ---");
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var ready = new TaskCompletionSource<(Uri Rpc, Uri Grpc)>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => OnLine(e.Data, ready);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, ready);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("ledger exited before it printed its ready line"));
        process.Start();
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            if (!ready.Task.Wait(ReadyTimeout))
            {
                throw new TimeoutException($"ledger printed no ready line within {ReadyTimeout.TotalSeconds:0} s");
            }
        }
        catch (Exception ex) when (ex is TimeoutException or AggregateException)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
            var reason = ex is AggregateException { InnerException: { } inner } ? inner.Message : ex.Message;
            throw new InvalidOperationException($"{reason} (exit code {process.ExitCode}). Output:\n{Output}", ex);
        }

        (RpcUrl, GrpcUrl) = ready.Task.Result;
    }

    private void OnLine(string? line, TaskCompletionSource<(Uri Rpc, Uri Grpc)> ready)
    {
        if (line is null)
        {
            return;
        }

        Append(line);
        var match = ReadyLine().Match(line);
        if (match.Success)
        {
            ready.TrySetResult((new Uri(match.Groups["rpc"].Value), new Uri(match.Groups["grpc"].Value)));
        }
    }

    private void Append(string line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private Process RequireProcess() =>
        _process is { HasExited: false } process ? process : throw new InvalidOperationException("the node is not running");

    [GeneratedRegex(@"ledger ready rpc=(?<rpc>https?://\S+) grpc=(?<grpc>https?://\S+)")]
    private static partial Regex ReadyLine();
}
