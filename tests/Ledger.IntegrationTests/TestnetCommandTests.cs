using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen;
using Ledger.LoadGen.Rpc;

namespace Ledger.IntegrationTests;

/// <summary>
/// `ledger testnet`, the README's run command, as a user runs it: four validators on consecutive JSON-RPC ports
/// that agree on one chain, the survivors keep finalising when one of them dies, and SIGTERM stops them all.
/// </summary>
public sealed partial class TestnetCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("ledger-testnet-cmd-").FullName;
    private readonly StringBuilder _output = new();
    private Process? _testnet;

    [Fact]
    public async Task Testnet_runs_four_validators_survives_one_dying_and_stops_on_sigterm()
    {
        var basePort = SpawnedNodes.FreePortRun(4);
        var urls = Start(basePort);

        Assert.Equal(Enumerable.Range(basePort, 4).Select(p => new Uri($"http://127.0.0.1:{p}/")), urls);
        Assert.Contains("ledger testnet ready (client APIs OPEN on 127.0.0.1, no authentication", Output(), StringComparison.Ordinal);
        var clients = urls.Select(u => new JsonRpcClient(u)).ToArray();
        try
        {
            foreach (var client in clients)
            {
                Assert.Equal(4242UL, await client.ChainIdAsync(CancellationToken.None));
            }

            // An idle consortium still finalises (empty blocks keep the rounds going): block 2 on all four, one hash.
            await WaitForHeightAsync(clients, 2);
            var hashes = await Task.WhenAll(clients.Select(c => ChainReader.BlockHashesAsync(c, 2)));
            Assert.All(hashes, h => Assert.Equal(hashes[0], h));

            // Key files are owner-only (each `ledger run` would refuse one that other users can read).
            foreach (var bank in new[] { "bank-a", "bank-b", "bank-c", "bank-d" })
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_data, bank, "validator.key")));
            }

            var children = ChildProcesses(_testnet!.Id);
            Assert.Equal(4, children.Count);
            var bankD = children.Single(pid => CommandLine(pid).Contains("bank-d", StringComparison.Ordinal));
            using (var victim = Process.GetProcessById(bankD))
            {
                victim.Kill();
                victim.WaitForExit();
            }

            var survivors = clients[..3];
            var before = await survivors[0].BlockNumberAsync(CancellationToken.None);
            await WaitForHeightAsync(survivors, before + 3);
            Assert.False(_testnet.HasExited, $"ledger testnet exited when one validator died:\n{Output()}");

            Assert.Equal(0, Terminate());
            Assert.All(children, pid => Assert.False(IsAlive(pid), $"validator process {pid} outlived SIGTERM to ledger testnet"));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    public void Dispose()
    {
        if (_testnet is { HasExited: false })
        {
            _testnet.Kill(entireProcessTree: true);
            _testnet.WaitForExit();
        }

        _testnet?.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A validator still closing its files: the temp folder is left behind, harmlessly.
        }
    }

    private Uri[] Start(int basePort)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { RepoPaths.LedgerDll, "testnet", "--data", _data, "--rpc-port", basePort.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        var urls = new List<Uri>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(e.Data);
                if (ReadyLine().Match(e.Data) is { Success: true } match)
                {
                    urls.Add(new Uri(match.Groups[1].Value));
                }

                if (e.Data.StartsWith("ledger testnet ready", StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            }
        }

        _testnet = new Process { StartInfo = start, EnableRaisingEvents = true };
        _testnet.OutputDataReceived += OnLine;
        _testnet.ErrorDataReceived += OnLine;
        _testnet.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("ledger testnet exited before it was ready"));
        _testnet.Start();
        _testnet.BeginOutputReadLine();
        _testnet.BeginErrorReadLine();
        Assert.True(ready.Task.Wait(TimeSpan.FromSeconds(120)), $"ledger testnet was not ready within 120 s:\n{Output()}");
        lock (_output)
        {
            return [.. urls.OrderBy(u => u.Port)];
        }
    }

    private int Terminate()
    {
        using (var kill = Process.Start("kill", ["-TERM", _testnet!.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(_testnet.WaitForExit(TimeSpan.FromSeconds(60)), $"ledger testnet did not stop within 60 s of SIGTERM:\n{Output()}");
        _testnet.WaitForExit();
        return _testnet.ExitCode;
    }

    private async Task WaitForHeightAsync(JsonRpcClient[] clients, ulong height)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var client in clients)
        {
            while (await client.BlockNumberAsync(CancellationToken.None) < height)
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(90), $"{client.Url} did not reach block {height} within 90 s:\n{Output()}");
                await Task.Delay(200);
            }
        }
    }

    /// <summary>The direct children of <paramref name="parent"/>, from /proc (Linux, where these tests run).</summary>
    private static List<int> ChildProcesses(int parent) =>
        [.. Directory.GetDirectories($"/proc/{parent}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pid => int.Parse(pid, CultureInfo.InvariantCulture))];

    private static string CommandLine(int pid) => File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');

    private static bool IsAlive(int pid)
    {
        // A zombie (exited, not yet reaped) counts as gone: its cmdline is empty.
        var cmdline = $"/proc/{pid}/cmdline";
        return File.Exists(cmdline) && File.ReadAllText(cmdline).Length > 0;
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    [GeneratedRegex(@"ledger ready rpc=(http://\S+) grpc=")]
    private static partial Regex ReadyLine();
}
