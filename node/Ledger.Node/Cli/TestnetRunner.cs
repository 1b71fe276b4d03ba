using System.Diagnostics;
using System.Globalization;
using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.Core.Primitives;
using Ledger.Custody.Files;
using Ledger.Node.Configuration;

namespace Ledger.Node.Cli;

/// <summary>
/// Starts one <c>ledger run</c> per validator of the embedded genesis (dev keys 10-13, in validator order), prints
/// their endpoints and keys, forwards their output prefixed with the bank, and on a stop signal sends SIGTERM to
/// each and waits. A child that dies is reported and the others keep running.
/// </summary>
public sealed class TestnetRunner(string directory, int? rpcPortBase, TextWriter output, TextWriter log)
{
    /// <summary>Dev account of bank A's validator; banks B-D use the next ones (docs/architecture.md, "Dev genesis").</summary>
    public const int FirstValidatorDevKey = 10;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly Lock _logLock = new();

    public async Task<int> RunAsync(CancellationToken stop)
    {
        var genesis = EmbeddedGenesis.Load();
        Directory.CreateDirectory(directory);
        var genesisPath = WriteGenesis();
        var nodes = new List<TestnetChild>();
        try
        {
            for (var i = 0; i < genesis.Validators.Count; i++)
            {
                nodes.Add(StartChild(genesis.Validators[i], i, genesisPath));
            }

            await output.WriteLineAsync($"ledger testnet: {nodes.Count} validators, data in {directory}").ConfigureAwait(false);
            using var ready = CancellationTokenSource.CreateLinkedTokenSource(stop);
            ready.CancelAfter(ReadyTimeout);
            foreach (var node in nodes)
            {
                var line = await node.Ready.WaitAsync(ready.Token).ConfigureAwait(false);
                await output.WriteLineAsync(
                    $"  {node.Bank}  {node.Address.ToChecksumString()}  {line}  key 0x{Convert.ToHexStringLower(node.Key)}").ConfigureAwait(false);
            }

            // Said here too, not only in each node's forwarded log: a testnet never requires authentication.
            await output.WriteLineAsync("ledger testnet ready (client APIs OPEN on 127.0.0.1, no authentication: for development only; Ctrl-C stops all four)").ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await WaitAsync(nodes, stop).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            await log.WriteLineAsync($"ledger testnet: not every node was ready within {ReadyTimeout.TotalSeconds:0} s; stopping").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
        finally
        {
            await StopAllAsync(nodes).ConfigureAwait(false);
        }
    }

    private string WriteGenesis()
    {
        var path = Path.Combine(directory, "genesis.json");
        var json = EmbeddedGenesis.ReadJson();
        if (!File.Exists(path))
        {
            File.WriteAllText(path, json);
        }
        else if (File.ReadAllText(path) != json)
        {
            throw new NodeConfigurationException($"'{path}' is not the repo's genesis; use another --data folder for this testnet");
        }

        return path;
    }

    private TestnetChild StartChild(ValidatorConfig validator, int index, string genesisPath)
    {
        var key = DevKeys.PrivateKey(FirstValidatorDevKey + index);
        var address = Ecdsa.Default.AddressOf(key);
        if (address != validator.Address)
        {
            throw new NodeConfigurationException(
                $"dev key {FirstValidatorDevKey + index} ({address.ToChecksumString()}) is not validator {index} of the genesis ({validator.Address.ToChecksumString()})");
        }

        var home = Path.Combine(directory, validator.Bank);
        Directory.CreateDirectory(home);
        var keyPath = Path.Combine(home, "validator.key");
        WriteKeyFile(keyPath, "0x" + Convert.ToHexStringLower(key) + "\n");
        var rpcPort = rpcPortBase is { } first ? first + index : validator.RpcPort;
        var start = ChildStart();
        foreach (var arg in new[]
        {
            "run", "--genesis", genesisPath, "--key", keyPath, "--data", Path.Combine(home, "data"),
            "--rpc-port", rpcPort.ToString(CultureInfo.InvariantCulture),
            "--grpc-port", validator.GrpcPort.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        return TestnetChild.Start(validator.Bank, address, key, start, Forward);
    }

    /// <summary>
    /// The dev key file, owner-only (0600) like every key file, since `ledger run` refuses one that others can read. A
    /// folder from an earlier run keeps its file (same public dev key) and only has its mode tightened.
    /// </summary>
    private static void WriteKeyFile(string path, string content)
    {
        if (!File.Exists(path))
        {
            SecretFile.WriteNew(path, content);
            return;
        }

        if (File.ReadAllText(path) != content)
        {
            throw new NodeConfigurationException($"'{path}' is not this testnet's dev key; use another --data folder for this testnet");
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, SecretFile.OwnerOnly);
        }
    }

    /// <summary>This same executable: the apphost, or <c>dotnet ledger.dll</c> when run through the muxer.</summary>
    private static ProcessStartInfo ChildStart()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(TestnetRunner).Assembly.Location);
        }

        return start;
    }

    private void Forward(string bank, string line)
    {
        lock (_logLock)
        {
            log.WriteLine($"[{bank}] {line}");
        }
    }

    private async Task WaitAsync(List<TestnetChild> nodes, CancellationToken stop)
    {
        var running = new List<TestnetChild>(nodes);
        while (running.Count > 0)
        {
            var exited = await Task.WhenAny(running.Select(n => n.Exited)).WaitAsync(stop).ConfigureAwait(false);
            var node = running.Find(n => n.Exited == exited)!;
            running.Remove(node);
            await log.WriteLineAsync(
                $"ledger testnet: {node.Bank} exited with code {node.ExitCode}; {running.Count} node(s) keep running").ConfigureAwait(false);
        }
    }

    private async Task StopAllAsync(List<TestnetChild> nodes)
    {
        foreach (var node in nodes)
        {
            node.Terminate();
        }

        foreach (var node in nodes)
        {
            await node.WaitOrKillAsync(StopTimeout).ConfigureAwait(false);
            node.Dispose();
        }

        await log.WriteLineAsync("ledger testnet: stopped").ConfigureAwait(false);
    }
}
