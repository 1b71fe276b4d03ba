using System.Diagnostics;
using System.Security.Cryptography;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Execution.Modules;
using Ledger.Execution.Pool;
using Ledger.Execution.State;

namespace Ledger.Benchmarks;

/// <summary>
/// Whole-pool figures that BenchmarkDotNet does not fit (docs/architecture.md, "Transaction pool"):
/// <c>pool-memory</c> fills a pool to its count capacity with ordinary transfers and reports the managed heap it holds
/// against what the pool accounts; <c>pool-admission</c> admits from several threads while blocks commit.
/// Run: <c>dotnet run -c Release --project bench/Ledger.Benchmarks -- pool-memory|pool-admission</c>.
/// </summary>
public static class PoolMeasurements
{
    private const ulong ChainId = 4242;

    public static int Run(string mode) => mode switch
    {
        "pool-memory" => Memory(),
        "pool-admission" => Admission(),
        _ => throw new ArgumentException($"unknown measurement '{mode}'"),
    };

    private static int Memory()
    {
        const int Senders = 200;
        const int PerSender = 1_000;
        var raws = Sign(Senders, PerSender);
        var state = new ZeroState();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var pool = NewPool(state, Senders * PerSender);
        foreach (var raw in raws)
        {
            var result = pool.Admit(raw);
            if (!result.IsAccepted)
            {
                throw new InvalidOperationException(result.Message);
            }
        }

        raws = null;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var held = after - before;
        Console.WriteLine($"pool of {pool.Count:N0} transfers from {Senders} senders: managed heap held {held / (1024.0 * 1024):F1} MiB "
            + $"({held / (double)pool.Count:F0} bytes per transaction); pool accounts {pool.Bytes / (1024.0 * 1024):F1} MiB "
            + $"({pool.Bytes / (double)pool.Count:F0} per transaction)");
        GC.KeepAlive(pool);
        return 0;
    }

    private static int Admission()
    {
        const int Senders = 64;
        const int PerSender = 1_000;
        var raws = Sign(Senders, PerSender);
        foreach (var threads in new[] { 1, 2, 4 })
        {
            var state = new ZeroState();
            var pool = NewPool(state, Senders * PerSender);
            var next = -1;
            var stopwatch = Stopwatch.StartNew();
            var admitters = Enumerable.Range(0, threads).Select(_ => Task.Run(() =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < raws.Count)
                {
                    if (!pool.Admit(raws[i]).IsAccepted)
                    {
                        throw new InvalidOperationException($"transaction {i} refused");
                    }
                }
            })).ToArray();
            var committed = 0;
            while (!admitters.All(t => t.IsCompleted) || pool.Count > 0)
            {
                var block = pool.TakeReady(5_000, state.GetNonce);
                state.Commit(block);
                pool.RemoveCommitted(state.BlockNumber, block);
                committed += block.Count;
            }

            Task.WaitAll(admitters);
            stopwatch.Stop();
            Console.WriteLine($"{threads} admitting thread(s) while blocks commit: {raws.Count / stopwatch.Elapsed.TotalSeconds:N0} admissions/s "
                + $"(signature recovery included), {committed:N0} committed");
        }

        return 0;
    }

    /// <summary>Transfers in sender-interleaved order (as many clients send them), each sender's nonces ascending.</summary>
    private static List<byte[]> Sign(int senders, int perSender)
    {
        var keys = Enumerable.Range(0, senders).Select(_ => RandomNumberGenerator.GetBytes(32)).ToArray();
        var data = Convert.FromHexString("a9059cbb0000000000000000000000003c44cdddb6a900fa2b585dd299e03d12fa4293bc00000000000000000000000000000000000000000000000000000000000004d2");
        var raws = new byte[senders * perSender][];
        Parallel.For(0, senders, s =>
        {
            for (var n = 0; n < perSender; n++)
            {
                var tx = new UnsignedTransaction { ChainId = ChainId, Nonce = (ulong)n, GasLimit = 100_000, To = BenchmarkData.Usda, Data = data };
                raws[(n * senders) + s] = TransactionSigner.Sign(tx, keys[s], Ecdsa.Default).Raw;
            }
        });
        return [.. raws];
    }

    private static TransactionPool NewPool(ZeroState state, int capacity) => new(
        new TransactionPoolOptions { ChainId = ChainId, MaxTransactionBytes = 131_072, BlockGasLimit = 1_000_000_000, Capacity = capacity },
        new ModuleRegistry([new NullModule()]),
        () => state.View());

    /// <summary>Committed nonces kept in a dictionary; each view is one block's.</summary>
    private sealed class ZeroState
    {
        private readonly Dictionary<Address, ulong> _nonces = [];

        public ulong BlockNumber { get; private set; }

        public ulong GetNonce(Address account)
        {
            lock (_nonces)
            {
                return _nonces.GetValueOrDefault(account);
            }
        }

        public void Commit(IReadOnlyList<SignedTransaction> block)
        {
            lock (_nonces)
            {
                foreach (var tx in block)
                {
                    _nonces[tx.Sender] = tx.Nonce + 1;
                }

                BlockNumber++;
            }
        }

        public ICommittedStateView View() => new BlockView(this, BlockNumber);

        private sealed class BlockView(ZeroState state, ulong number) : ICommittedStateView
        {
            public ulong BlockNumber => number;

            public byte[]? Get(Address ns, ReadOnlySpan<byte> key) => null;

            public ulong GetNonce(Address account) => state.GetNonce(account);
        }
    }

    private sealed class NullModule : IModule
    {
        public string Name => "Null";

        public Address Address => BenchmarkData.Usda;

        public string AbiJson => "[]";

        public ModuleResult Call(IModuleContext context, ReadOnlySpan<byte> input) => ModuleResult.Ok([], 1_000);

        public void InitializeGenesis(IModuleContext context)
        {
        }
    }
}
