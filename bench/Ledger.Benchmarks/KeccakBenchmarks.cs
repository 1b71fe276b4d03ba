using BenchmarkDotNet.Attributes;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Benchmarks;

/// <summary>Keccak-256 at the sizes the node hashes: a storage key, a transaction, a block's worth of data.</summary>
[MemoryDiagnoser]
public class KeccakBenchmarks
{
    private byte[] _input = [];

    [Params(32, 120, 4096)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _input = new byte[Size];
        new Random(42).NextBytes(_input);
    }

    [Benchmark]
    public Hash32 Hash() => Keccak256.Hash(_input);
}
