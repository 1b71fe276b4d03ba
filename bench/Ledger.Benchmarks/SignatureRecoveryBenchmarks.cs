using BenchmarkDotNet.Attributes;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;

namespace Ledger.Benchmarks;

/// <summary>Sender recovery, the node's hottest path: native libsecp256k1 against the managed port.</summary>
[MemoryDiagnoser]
public class SignatureRecoveryBenchmarks
{
    private byte[] _hash = [];
    private byte[] _r = [];
    private byte[] _s = [];
    private int _recoveryId;
    private IEcdsa _native = Ecdsa.Managed;

    [GlobalSetup]
    public void Setup()
    {
        var tx = BenchmarkData.Transfer(Ledger.Core.Transactions.TxType.DynamicFee);
        _hash = tx.SigningHash.ToArray();
        _r = tx.R.ToBigEndian();
        _s = tx.S.ToBigEndian();
        _recoveryId = tx.RecoveryId;
        _native = Ecdsa.Native ?? throw new InvalidOperationException("native libsecp256k1 did not load on this machine");
    }

    [Benchmark(Baseline = true)]
    public Address Native() => _native.TryRecoverAddress(_hash, _r, _s, _recoveryId, out var signer) ? signer : default;

    [Benchmark]
    public Address Managed() => Ecdsa.Managed.TryRecoverAddress(_hash, _r, _s, _recoveryId, out var signer) ? signer : default;
}
