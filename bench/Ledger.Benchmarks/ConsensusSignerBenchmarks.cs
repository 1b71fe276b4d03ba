using BenchmarkDotNet.Attributes;
using Ledger.Consensus.Signing;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Custody.Pkcs11;
using Ledger.TestSupport;

namespace Ledger.Benchmarks;

/// <summary>
/// What one signature through the signer seam costs: a key in memory (plain file or decrypted keystore) against a key
/// in SoftHSM2 over PKCS#11 (CKM_ECDSA in the token, then low-s and recovery-id search here), alone and from four
/// threads sharing the signer's session pool. Needs Debian's softhsm2 package.
/// </summary>
[MemoryDiagnoser]
public class ConsensusSignerBenchmarks
{
    private const int ParallelSignatures = 64;
    private readonly Hash32 _digest = Keccak256.Hash("a commit seal"u8);
    private SoftHsm2Token? _hsm;
    private LocalKeySigner? _local;
    private Pkcs11Signer? _pkcs11;

    [GlobalSetup]
    public void Setup()
    {
        _local = new LocalKeySigner(DevKeys.PrivateKey(10), Ecdsa.Default);
        _hsm = SoftHsm2Token.Create("bench");
        _hsm.UseInThisProcess();
        var settings = new Pkcs11Settings(SoftHsm2Token.ModulePath, _hsm.Label, "validator", _hsm.PinFile);
        using (var token = Pkcs11Token.Open(settings))
        {
            Pkcs11KeyGenerator.Generate(token, settings.KeyLabel);
        }

        _pkcs11 = Pkcs11Signer.Open(settings);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pkcs11?.Dispose();
        _local?.Dispose();
        _hsm?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public byte[] LocalKey() => _local!.Sign(_digest);

    [Benchmark]
    public byte[] Pkcs11SoftHsm() => _pkcs11!.Sign(_digest);

    /// <summary>Four threads signing at once: the session pool lets the token work on several signatures.</summary>
    [Benchmark(OperationsPerInvoke = ParallelSignatures)]
    public void Pkcs11SoftHsmFourThreads() =>
        Parallel.For(0, ParallelSignatures, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ => _pkcs11!.Sign(_digest));
}
