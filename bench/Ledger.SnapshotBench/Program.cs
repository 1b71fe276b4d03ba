using System.Diagnostics;
using Ledger.Contracts;
using Ledger.Contracts.Records;
using Ledger.Core.Crypto;
using Ledger.Execution.Chain;
using Ledger.Execution.Modules;
using Ledger.Execution.Processing;
using Ledger.Node.Operations;
using Ledger.SnapshotBench;
using Ledger.Storage.Rocks;

// ledger-snapshotbench: issue 14's figure. Writes --transfers signed transfers through the real executor and chain store
// into RocksDB (the source node), then starts two new nodes from it and times both: a full replay from genesis (every
// block verified and re-executed as block sync does) and a snapshot sync (snapshot built on the source, written to a
// file, verified chunk by chunk against the certified state root and imported). Both must reach the source's head.
SnapshotBenchOptions options;
try
{
    options = SnapshotBenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"ledger-snapshotbench: {e.Message}");
    return 2;
}

var work = options.Work ?? Directory.CreateTempSubdirectory("ledger-snapshotbench-").FullName;
Directory.CreateDirectory(work);
try
{
    var genesis = SnapshotBenchGenesis.Create(FindRepoGenesis(), options.Accounts);
    var registry = new ModuleRegistry(ModuleCatalog.FromGenesis(genesis));
    Console.WriteLine($"work {work}; {options.Transfers:N0} transfers among {options.Accounts:N0} customers, {options.PerBlock:N0} per block");

    using var sourceStore = RocksDbKeyValueStore.Open(Path.Combine(work, "source"));
    var source = new ChainStore(sourceStore, registry, genesis, records: new RecordClassifier(registry.All));
    source.Open();
    var clock = Stopwatch.StartNew();
    var next = 0;
    new TransferWriter(source, new BlockExecutor(registry, genesis.ChainId), options).Write(done =>
    {
        if (done >= next)
        {
            Console.WriteLine($"  {done:N0} transfers committed ({clock.Elapsed.TotalSeconds:F0} s)");
            next += 25_000;
        }
    });
    var head = source.Head.Header;
    Console.WriteLine($"source: blocks 1..{head.Number} written in {clock.Elapsed.TotalSeconds:F1} s; data dir {Size(Path.Combine(work, "source")) / 1e6:F0} MB");

    // Full replay: what a new node does today (block sync, or `ledger import` of an export).
    var stored = new StoredChain(sourceStore);
    clock.Restart();
    using (var replayStore = RocksDbKeyValueStore.Open(Path.Combine(work, "replay")))
    {
        var replayed = new ChainStore(replayStore, registry, genesis, records: new RecordClassifier(registry.All));
        replayed.Open();
        var replayer = new BlockReplayer(replayed, Ecdsa.Default);
        for (var n = 1UL; n <= head.Number; n++)
        {
            replayer.Commit(replayer.Verify(stored.BlockRecord(stored.CanonicalHash(n)!.Value)));
        }

        Check("full replay", replayed, head);
    }

    var replay = clock.Elapsed;
    Console.WriteLine($"full replay from genesis: {head.Number:N0} blocks verified and re-executed in {replay.TotalSeconds:F1} s");

    // Snapshot sync: build on the source, write the file, verify and import into an empty dir.
    clock.Restart();
    var snapshot = source.CreateSnapshot(new BlockReplayer(source, Ecdsa.Default).ValidatorsAt, options.ChunkBytes);
    var build = clock.Elapsed;
    var file = Path.Combine(work, "state.snapshot");
    using (var stream = File.Create(file))
    {
        SnapshotFile.Write(snapshot, stream);
    }

    var manifest = snapshot.Manifest;
    Console.WriteLine($"snapshot of block {manifest.Height}: {manifest.EntryCount:N0} entries, {manifest.StateBytes / 1e6:F1} MB in {manifest.Chunks.Count} chunks; built in {build.TotalSeconds:F2} s, file {new FileInfo(file).Length / 1e6:F1} MB");
    clock.Restart();
    using (var snapshotStore = RocksDbKeyValueStore.Open(Path.Combine(work, "snapshot")))
    using (var input = File.OpenRead(file))
    {
        var imported = new ChainStore(snapshotStore, registry, genesis, records: new RecordClassifier(registry.All));
        var read = SnapshotFile.ReadManifest(input);
        imported.OpenFromSnapshot(read, SnapshotFile.ReadChunks(input, read.Chunks.Count), Ecdsa.Default);
        Check("snapshot sync", imported, head);
    }

    var import = clock.Elapsed;
    Console.WriteLine($"snapshot import (verify every chunk against the certified root, write, open): {import.TotalSeconds:F2} s");
    Console.WriteLine($"snapshot sync (build + import) {(build + import).TotalSeconds:F2} s vs full replay {replay.TotalSeconds:F1} s: {replay / (build + import):F0}x faster; same head {head.Hash}, state root {head.StateRoot}");
    return 0;
}
finally
{
    if (options.Work is null)
    {
        Directory.Delete(work, recursive: true);
    }
}

static void Check(string what, ChainStore chain, Ledger.Core.Chain.BlockHeader head)
{
    if (chain.Head.Header.Hash != head.Hash || chain.World.Tree.Root != head.StateRoot)
    {
        throw new InvalidOperationException($"{what} ended at {chain.Head.Header.Hash} with root {chain.World.Tree.Root}, not the source's {head.Hash} / {head.StateRoot}");
    }
}

static long Size(string path) => new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

static string FindRepoGenesis()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "genesis.json");
        if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
        {
            return candidate;
        }
    }

    throw new FileNotFoundException("genesis.json of the repository not found above " + AppContext.BaseDirectory);
}
