using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Micro-benchmarks of the node's hot paths. Pick with --filter, e.g. --filter '*Recovery*'. Results go to
// artifacts/benchmarks under the current folder (git-ignored when run from the repo root).
if (args is ["pool-memory" or "pool-admission"])
{
    return Ledger.Benchmarks.PoolMeasurements.Run(args[0]);
}

if (args is ["state-root", ..])
{
    return Ledger.Benchmarks.StateRootMeasurements.Run(args);
}

var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "benchmarks"));
BenchmarkSwitcher.FromAssembly(typeof(Ledger.Benchmarks.SignatureRecoveryBenchmarks).Assembly).Run(args, config);
return 0;
