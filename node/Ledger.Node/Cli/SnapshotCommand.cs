using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ledger.Contracts;
using Ledger.Contracts.Records;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Execution.Chain;
using Ledger.Execution.Modules;
using Ledger.Execution.Snapshots;
using Ledger.Node.Configuration;
using Ledger.Node.Operations;
using Ledger.Storage;
using Ledger.Storage.Rocks;

namespace Ledger.Node.Cli;

/// <summary>
/// <c>ledger snapshot export --data DIR --out FILE</c> and <c>ledger snapshot import --data DIR --in FILE --genesis FILE
/// [--trust-block HASH]</c>: start a node from the state at a certified block instead of replaying from genesis
/// (docs/operations.md, "Snapshot sync").
/// </summary>
public static class SnapshotCommand
{
    public static Command Create()
    {
        var command = new Command("snapshot", "Export the state at the head as a verifiable snapshot, or start a new data directory from one.");
        command.Subcommands.Add(CreateExport());
        command.Subcommands.Add(CreateImport());
        return command;
    }

    private static Command CreateExport()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Data directory of a stopped node, or a backup; opened read-only.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Snapshot file to write (must not exist).", Required = true };
        var genesis = new Option<FileInfo>("--genesis") { Description = "Genesis JSON; default: the genesis document the data directory records." };
        var chunkBytes = new Option<int?>("--chunk-bytes") { Description = $"Target chunk size (default {SnapshotLimits.DefaultChunkBytes})." };
        data.AcceptExistingOnly();
        genesis.AcceptExistingOnly();
        var command = new Command("export", "Write the state after the head block, its certificate and validator set, as a snapshot file.") { data, output, genesis, chunkBytes };
        command.SetAction((parse, ct) => LedgerCli.Guarded(parse, async () =>
        {
            var clock = Stopwatch.StartNew();
            var target = parse.GetRequiredValue(output).FullName;
            if (File.Exists(target) || Directory.Exists(target))
            {
                throw new NodeConfigurationException($"'{target}' already exists; name a new snapshot file");
            }

            using var directory = OfflineDataDirectory.Open(parse.GetRequiredValue(data).FullName, parse.GetValue(genesis));
            var registry = new ModuleRegistry(ModuleCatalog.FromGenesis(directory.Genesis));
            var chain = new ChainStore(directory.Store, registry, directory.Genesis);
            OpenChain(chain.Open);
            var replayer = new BlockReplayer(chain, Ecdsa.Default);
            var snapshot = chain.CreateSnapshot(replayer.ValidatorsAt, parse.GetValue(chunkBytes) ?? SnapshotLimits.DefaultChunkBytes);

            // Written under a temporary name and renamed when complete: a file with the snapshot's name is always whole.
            var partial = target + ".partial";
            await using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                SnapshotFile.Write(snapshot, stream);
                await stream.FlushAsync(ct).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(partial, target);
            var manifest = snapshot.Manifest;
            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"snapshot: block {manifest.Height} ({manifest.Block.Header.Hash}), state root {manifest.StateRoot}: {manifest.EntryCount} entries, {manifest.StateBytes} bytes in {manifest.Chunks.Count} chunks, written to {target} in {clock.Elapsed.TotalSeconds:0.00} s")).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static Command CreateImport()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "New data directory to start (must be empty or missing).", Required = true };
        var input = new Option<FileInfo>("--in") { Description = "Snapshot file written by `ledger snapshot export`.", Required = true };
        var genesis = new Option<FileInfo>("--genesis") { Description = "The consortium's genesis JSON: the trust root the snapshot is checked against.", Required = true };
        var trust = new Option<string?>("--trust-block") { Description = "Hash of the snapshot's block, from a source you trust; required when its validator set is not genesis's." };
        input.AcceptExistingOnly();
        genesis.AcceptExistingOnly();
        var command = new Command("import", "Start a data directory from a snapshot: the block's certificate and every chunk are verified, then the node follows from the next block.")
        {
            data, input, genesis, trust,
        };
        command.SetAction((parse, ct) => LedgerCli.Guarded(parse, async () =>
        {
            var clock = Stopwatch.StartNew();
            Hash32? trusted = null;
            if (parse.GetValue(trust) is { } text)
            {
                trusted = Hash32.TryParse(text, out var hash) ? hash : throw new NodeConfigurationException($"--trust-block '{text}' is not a 32-byte hex hash");
            }

            var config = LedgerCli.LoadGenesis(parse.GetRequiredValue(genesis).FullName);
            var path = parse.GetRequiredValue(data).FullName;
            if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
            {
                throw new NodeConfigurationException($"'{path}' is not empty: a snapshot starts a new data directory");
            }

            await using var file = new FileStream(parse.GetRequiredValue(input).FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            using var store = OpenStore(path);
            var registry = new ModuleRegistry(ModuleCatalog.FromGenesis(config));
            var chain = new ChainStore(store, registry, config, records: new RecordClassifier(registry.All));
            try
            {
                var manifest = SnapshotFile.ReadManifest(file);
                chain.OpenFromSnapshot(manifest, SnapshotFile.ReadChunks(file, manifest.Chunks.Count), Ecdsa.Default, trusted);
            }
            catch (SnapshotException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"snapshot import: REFUSED: {ex.Message}\nthe data directory is unusable: delete it before importing again").ConfigureAwait(false);
                return OperatorCommands.FailedExitCode;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"snapshot import: state of block {chain.HeadNumber} ({chain.Head.Header.Hash}) verified against its certified state root {chain.Head.Header.StateRoot} and written in {clock.Elapsed.TotalSeconds:0.00} s; the node follows from block {chain.HeadNumber + 1}")).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static void OpenChain(Action open)
    {
        try
        {
            open();
        }
        catch (ChainDataException ex)
        {
            throw new NodeConfigurationException($"cannot open the chain: {ex.Message}", ex);
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
