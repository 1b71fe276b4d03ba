using System.CommandLine;
using System.Globalization;
using System.Text;
using Ledger.Contracts;
using Ledger.Contracts.Records;
using Ledger.Core.Crypto;
using Ledger.Core.Genesis;
using Ledger.Execution.Chain;
using Ledger.Execution.Modules;
using Ledger.Node.Configuration;
using Ledger.Node.Operations;
using Ledger.Storage;
using Ledger.Storage.Rocks;

namespace Ledger.Node.Cli;

/// <summary><c>ledger import --data DIR --in FILE</c>: verifies and commits the blocks of an export file into a (new or stopped) data directory.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Data directory to import into (created if missing; the node must be stopped).", Required = true };
        var input = new Option<FileInfo>("--in") { Description = "Export file written by `ledger export`.", Required = true };
        var genesis = new Option<FileInfo>("--genesis") { Description = "Genesis JSON; default: the genesis document in the export's header." };
        input.AcceptExistingOnly();
        genesis.AcceptExistingOnly();
        var command = new Command("import", "Import an export file: every block is verified and re-executed as block sync does, then committed.")
        {
            data, input, genesis,
        };
        command.SetAction((parse, ct) => LedgerCli.Guarded(parse, async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            await using var file = new FileStream(parse.GetRequiredValue(input).FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            ChainExportReader reader;
            try
            {
                reader = ChainExportReader.Open(file);
            }
            catch (InvalidDataException ex)
            {
                throw new NodeConfigurationException($"'{file.Name}': {ex.Message}", ex);
            }

            var config = parse.GetValue(genesis) is { } genesisFile ? LedgerCli.LoadGenesis(genesisFile.FullName) : GenesisOf(reader.Header);
            using var store = OpenStore(parse.GetRequiredValue(data).FullName);
            // With the node's record classifier, imported blocks carry their account index rows in their own batch; without
            // it every block would mark the index incomplete and the next `ledger run` would rebuild it from genesis.
            var registry = new ModuleRegistry(ModuleCatalog.FromGenesis(config));
            var chain = new ChainStore(store, registry, config, records: new RecordClassifier(registry.All));
            try
            {
                chain.Open();
            }
            catch (ChainDataException ex)
            {
                throw new NodeConfigurationException($"cannot open the chain: {ex.Message}", ex);
            }

            try
            {
                var report = ChainImporter.Import(reader, new BlockReplayer(chain, Ecdsa.Default), block => error.WriteLine($"import: block {block} imported"), ct);
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"import: {report.Imported} blocks verified and imported ({report.Transactions} transactions), {report.AlreadyPresent} already present; head is block {report.Head}; took {report.Elapsed.TotalSeconds:0.00} s")).ConfigureAwait(false);
                return 0;
            }
            catch (ArgumentException ex)
            {
                throw new NodeConfigurationException(ex.Message, ex);
            }
            catch (Exception ex) when (ex is BlockReplayException or InvalidDataException)
            {
                await error.WriteLineAsync($"import: FAILED: {ex.Message}\nthe data directory keeps every block before the fault (head is block {chain.HeadNumber})").ConfigureAwait(false);
                return OperatorCommands.FailedExitCode;
            }
        }));
        return command;
    }

    private static GenesisConfig GenesisOf(ChainExportHeader header)
    {
        try
        {
            return GenesisLoader.Load(Encoding.UTF8.GetString(header.GenesisDocument));
        }
        catch (GenesisException ex)
        {
            throw new NodeConfigurationException($"the genesis document in the export does not load ({ex.Message}); pass --genesis FILE", ex);
        }
    }

    private static RocksDbKeyValueStore OpenStore(string path)
    {
        try
        {
            return RocksDbKeyValueStore.Open(path);
        }
        catch (StorageFailedException ex)
        {
            throw new NodeConfigurationException(ex.Message, ex);
        }
    }
}
