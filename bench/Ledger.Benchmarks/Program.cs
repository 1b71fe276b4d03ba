using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Micro-benchmarks of the node's hot paths. Pick with --filter, e.g. --filter '*Recovery*'. Results go to
// artifacts/benchmarks under the current folder (git-ignored when run from the repo root).
var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "benchmarks"));
BenchmarkSwitcher.FromAssembly(typeof(Ledger.Benchmarks.SignatureRecoveryBenchmarks).Assembly).Run(args, config);
