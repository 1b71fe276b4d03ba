using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ledger.Node.Configuration;
using Ledger.Node.Operations;

namespace Ledger.Node.Cli;

/// <summary><c>ledger export --data DIR --out FILE [--from N] [--to M]</c>: the blocks of a data directory, with their certificates, as an export file.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Data directory of a stopped node, or a backup; opened read-only.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Export file to write (must not exist).", Required = true };
        var genesis = new Option<FileInfo>("--genesis") { Description = "Genesis JSON; default: the genesis document the data directory records (format 2 on)." };
        var from = new Option<ulong?>("--from") { Description = "First block to export (default 0)." };
        var to = new Option<ulong?>("--to") { Description = "Last block to export (default: the head)." };
        data.AcceptExistingOnly();
        genesis.AcceptExistingOnly();
        var command = new Command("export", "Write the blocks of a data directory, with their commit certificates, to an export file (format: docs/operations.md).")
        {
            data, output, genesis, from, to,
        };
        command.SetAction((parse, ct) => LedgerCli.Guarded(parse, async () =>
        {
            var clock = Stopwatch.StartNew();
            var target = parse.GetRequiredValue(output).FullName;
            if (File.Exists(target) || Directory.Exists(target))
            {
                throw new NodeConfigurationException($"'{target}' already exists; name a new export file");
            }

            using var directory = OfflineDataDirectory.Open(parse.GetRequiredValue(data).FullName, parse.GetValue(genesis));
            if (ChainExporter.GenesisHashOf(directory.Genesis) != directory.Chain.GenesisHash)
            {
                throw new NodeConfigurationException($"the genesis gives genesis block {ChainExporter.GenesisHashOf(directory.Genesis)}, but the data directory was created with {directory.Chain.GenesisHash}");
            }

            // Written under a temporary name and renamed when complete: a file with the export's name is always whole.
            var partial = target + ".partial";
            ulong blocks;
            try
            {
                await using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
                {
                    blocks = ChainExporter.Export(directory.Chain, directory.Genesis, stream, parse.GetValue(from) ?? 0, parse.GetValue(to), ct);
                    await stream.FlushAsync(ct).ConfigureAwait(false);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(partial, target);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException or IOException or OperationCanceledException)
            {
                File.Delete(partial);
                if (ex is ArgumentException)
                {
                    throw new NodeConfigurationException(ex.Message, ex);
                }

                if (ex is InvalidDataException)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"export: FAILED: {ex.Message}").ConfigureAwait(false);
                    return OperatorCommands.FailedExitCode;
                }

                throw;
            }

            var first = parse.GetValue(from) ?? 0;
            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"export: blocks {first}-{first + blocks - 1} ({blocks} blocks) of chain {directory.Genesis.ChainId} written to {target} ({new FileInfo(target).Length} bytes) in {clock.Elapsed.TotalSeconds:0.00} s")).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
