using System.CommandLine;
using System.Runtime.InteropServices;
using Ledger.Node.Configuration;

namespace Ledger.Node.Cli;

/// <summary><c>ledger testnet</c>: the repo's 4-bank genesis as four <c>ledger run</c> child processes on loopback.</summary>
public static class TestnetCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder for the genesis, keys and the four data directories (created if missing). Default: a fresh temporary folder, printed at start." };
        var rpcPort = new Option<int?>("--rpc-port") { Description = "JSON-RPC port of bank A; banks B-D use the next three (default: the genesis ports 8545-8548).", };
        rpcPort.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, out var port) && port is < 1 or > 65532)
            {
                result.AddError($"--rpc-port {port} must leave room for four ports (1-65532)");
            }
        });
        var command = new Command("testnet", "Run the repo's 4-bank genesis as four validator processes on 127.0.0.1 (public dev keys, never for production).")
        {
            data, rpcPort,
        };
        command.SetAction(async (parse, _) =>
        {
            using var stop = new CancellationTokenSource();
            // The node processes turn off System.CommandLine's signal handling, so this command takes the signals itself
            // and passes them on to the children.
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            try
            {
                var directory = parse.GetValue(data)?.FullName ?? Directory.CreateTempSubdirectory("ledger-testnet-").FullName;
                var runner = new TestnetRunner(directory, parse.GetValue(rpcPort), Console.Out, Console.Error);
                return await runner.RunAsync(stop.Token).ConfigureAwait(false);
            }
            catch (NodeConfigurationException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"ledger: {ex.Message}").ConfigureAwait(false);
                return LedgerCli.SetupErrorExitCode;
            }

            void OnSignal(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
        });
        return command;
    }
}
