using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Rpc;

namespace Ledger.Console.Tests.Infrastructure;

/// <summary>
/// A real `ledger dev` (or single-validator `ledger run`) process on free loopback ports (port 0) in its own temporary
/// folder, with the extra arguments a test needs. Heartbeat blocks are off by default so the chain moves only when a test sends a
/// transaction, and what the console shows can be compared with JSON-RPC exactly. Dispose kills the process tree
/// and deletes the folder.
/// </summary>
public sealed partial class ConsoleNode : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly StringBuilder _log = new();
    private readonly Process _process;

    private ConsoleNode(string dataDirectory, Process process, Uri rpcUrl)
    {
        DataDirectory = dataDirectory;
        _process = process;
        RpcUrl = rpcUrl;
        Rpc = new JsonRpcClient(rpcUrl);
    }

    public string DataDirectory { get; }

    /// <summary>The JSON-RPC endpoint, also the console's origin (http://127.0.0.1:PORT/).</summary>
    public Uri RpcUrl { get; }

    public Uri ConsoleUrl => new(RpcUrl, "/console/");

    public JsonRpcClient Rpc { get; }

    /// <summary>Everything the node printed, for failure messages.</summary>
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

    /// <summary>Starts `ledger dev --rpc-port 0 --grpc-port 0 --heartbeat-seconds 0 …` and waits for its ready line.</summary>
    public static ConsoleNode Start(params string[] extraArguments)
    {
        var data = Directory.CreateTempSubdirectory("ledger-console-").FullName;
        return Launch(data, ["dev", "--data", data, "--rpc-port", "0", "--grpc-port", "0", "--heartbeat-seconds", "0", .. extraArguments]);
    }

    /// <summary>
    /// Starts `ledger run` with bank A's validator alone (the dev genesis reduced to one validator, its key in a 0600
    /// file) on free ports, with <paramref name="extraArguments"/> (e.g. the access flags), and waits for its ready line.
    /// </summary>
    public static ConsoleNode StartRun(params string[] extraArguments)
    {
        var data = Directory.CreateTempSubdirectory("ledger-console-run-").FullName;
        var genesis = Path.Combine(data, "genesis.json");
        File.WriteAllText(genesis, GenesisLoader.LoadFile(Path.Combine(RepoPaths.Root, "genesis.json")).WithSingleValidator(0).ToJson());
        var key = Path.Combine(data, "validator.key");
        File.WriteAllText(key, Convert.ToHexStringLower(DevKeys.PrivateKey(10)) + "\n");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return Launch(data, ["run", "--genesis", genesis, "--key", key, "--data", Path.Combine(data, "chain"), "--rpc-port", "0", "--grpc-port", "0", .. extraArguments]);
    }

    private static ConsoleNode Launch(string data, string[] ledgerArguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = data,
        };
        string[] arguments = [RepoPaths.LedgerDll, .. ledgerArguments];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StringBuilder();
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(line);
            }

            if (ReadyLine().Match(line) is { Success: true } match)
            {
                ready.TrySetResult(new Uri(match.Groups["rpc"].Value));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("ledger exited before it printed its ready line"));
        process.Start();
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
            Stop(process);
            process.Dispose();
            DeleteDirectory(data);
            string output;
            lock (log)
            {
                output = log.ToString();
            }

            throw new InvalidOperationException($"{(ex as AggregateException)?.InnerException?.Message ?? ex.Message}. Output:\n{output}", ex);
        }

        var node = new ConsoleNode(data, process, ready.Task.Result);
        lock (log)
        {
            node._log.Append(log);
        }

        // Later lines go to the node's own log.
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        return node;
    }

    public void Dispose()
    {
        Rpc.Dispose();
        Stop(_process);
        _process.Dispose();
        DeleteDirectory(DataDirectory);
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private static void DeleteDirectory(string path)
    {
        for (var attempt = 0; attempt < 5 && Directory.Exists(path); attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException) when (attempt < 4)
            {
                Thread.Sleep(200);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    [GeneratedRegex(@"ledger ready rpc=(?<rpc>http://\S+) grpc=(?<grpc>https?://\S+)")]
    private static partial Regex ReadyLine();
}
