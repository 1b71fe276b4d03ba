using BenchmarkDotNet.Attributes;
using Ledger.Core.Crypto;
using Ledger.Core.Transactions;

namespace Ledger.Benchmarks;

/// <summary>Admission work per transaction before execution: decoding, and decoding plus native recovery.</summary>
[MemoryDiagnoser]
public class TransactionDecodeBenchmarks
{
    private byte[] _legacy = [];
    private byte[] _dynamicFee = [];

    [GlobalSetup]
    public void Setup()
    {
        _legacy = BenchmarkData.Transfer(TxType.Legacy).Raw;
        _dynamicFee = BenchmarkData.Transfer(TxType.DynamicFee).Raw;
    }

    [Benchmark(Baseline = true)]
    public SignedTransaction DecodeDynamicFee() => TransactionDecoder.Decode(_dynamicFee);

    [Benchmark]
    public SignedTransaction DecodeLegacy() => TransactionDecoder.Decode(_legacy);

    [Benchmark]
    public bool DecodeAndRecoverDynamicFee() => TransactionSigner.TryRecoverSender(TransactionDecoder.Decode(_dynamicFee), Ecdsa.Default);
}
