using System.Diagnostics;
using System.Globalization;
using Ledger.Contracts;
using Ledger.Contracts.Records;
using Ledger.Core.Genesis;
using Ledger.Execution.Chain;
using Ledger.Execution.Modules;
using Ledger.Execution.Processing;
using Ledger.HistoryBench;
using Ledger.Storage.Rocks;

// ledger-historybench: issue 16's account-history figure. Writes --transfers signed transfers through the real
// executor and chain store into RocksDB, then times a scripted run of history calls and prints percentiles.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"ledger-historybench: {e.Message}");
    return 2;
}

var genesisPath = options.Genesis ?? FindRepoGenesis();
var genesis = GenesisLoader.LoadFile(genesisPath).WithSingleValidator(0);
var data = options.Data ?? Directory.CreateTempSubdirectory("ledger-historybench-").FullName;
var temporary = options.Data is null;
try
{
    var registry = new ModuleRegistry(ModuleCatalog.FromGenesis(genesis));
    using var store = RocksDbKeyValueStore.Open(data);
    var chain = new ChainStore(store, registry, genesis, records: options.NoIndex ? null : new RecordClassifier(registry.All));
    chain.Open();
    var executor = new BlockExecutor(registry, genesis.ChainId);
    var start = chain.HeadNumber;
    Console.WriteLine($"data {data}; {options.Transfers:N0} transfers among {options.Accounts} accounts, {options.PerBlock:N0} per block, index {(options.NoIndex ? "off" : "on")}");
    var writer = new ChainWriter(chain, executor, genesis.ChainId, options);
    var total = Stopwatch.StartNew();
    var next = 0;
    writer.Write(done =>
    {
        if (done >= next)
        {
            Console.WriteLine($"  {done:N0} transfers committed ({total.Elapsed.TotalSeconds:F0} s)");
            next += 100_000;
        }
    });
    Console.WriteLine($"wrote blocks {start + 1}..{chain.HeadNumber}: signing {writer.Signing.TotalSeconds:F1} s, execute + commit {writer.Committing.TotalSeconds:F1} s ({options.Transfers / writer.Committing.TotalSeconds:N0} transfers/s)");
    Console.WriteLine($"data dir {Size(data) / 1e6:F0} MB");
    if (options.NoIndex)
    {
        return 0;
    }

    // Where the index's share of a commit goes: classifying and encoding the rows into a batch (CPU), without the write.
    var index = chain.Accounts!;
    var cpu = Stopwatch.StartNew();
    var rows = 0L;
    for (var number = start + 1; number <= chain.HeadNumber; number++)
    {
        var block = chain.GetBlock(number)!;
        using var batch = store.CreateBatch();
        rows += index.Write(batch, block, chain.GetReceipts(block.Header.Hash)!);
    }

    Console.WriteLine($"classify + encode the index rows again (no write): {cpu.Elapsed.TotalSeconds:F1} s for {rows:N0} records");

    var queries = new QueryRun(chain, options);
    queries.Run(); // warm-up pass (page cache, JIT)
    queries = new QueryRun(chain, options);
    queries.Run();
    var all = queries.Latencies.Values.SelectMany(l => l).Order().ToList();
    Console.WriteLine($"{all.Count:N0} history calls ({queries.Records:N0} records returned), page size {options.PageSize}:");
    foreach (var (what, list) in queries.Latencies.OrderBy(p => p.Key, StringComparer.Ordinal))
    {
        Console.WriteLine($"  {what,-20} {Line(list)}");
    }

    Console.WriteLine($"  {"all",-20} {Line(all)}");
    return 0;
}
finally
{
    if (temporary)
    {
        Directory.Delete(data, recursive: true);
    }
}

static string Line(List<double> latencies)
{
    var sorted = latencies.Order().ToList();
    double P(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    return string.Create(CultureInfo.InvariantCulture, $"n={sorted.Count,5}  p50 {P(0.50),7:F2} ms  p99 {P(0.99),7:F2} ms  max {sorted[^1],7:F2} ms");
}

static long Size(string directory) => new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

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

    throw new FileNotFoundException("genesis.json not found above the bench's folder; pass --genesis FILE");
}
