using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Execution.Chain;
using Ledger.Execution.Snapshots;
using Ledger.Execution.Tests.Support;
using Ledger.Storage;
using static Ledger.Execution.Tests.Support.TestChain;

namespace Ledger.Execution.Tests.Snapshots;

/// <summary>Helpers of the snapshot tests: blocks sealed by the genesis validator (dev key 10), many senders, fresh stores.</summary>
internal static class SnapshotChain
{
    public const int Validator = 10;

    /// <summary>Commits <paramref name="blocks"/> blocks; block i has senders i·perBlock … (mod 200), so the state holds ~200 nonces.</summary>
    public static void Produce(TestChain chain, int blocks, int perBlock = 5)
    {
        for (var b = 0; b < blocks; b++)
        {
            var number = chain.Chain.HeadNumber + 1;
            var txs = new Core.Transactions.SignedTransaction[perBlock];
            for (var i = 0; i < perBlock; i++)
            {
                var account = 20 + (int)(((number * (ulong)perBlock) + (ulong)i) % 200);
                txs[i] = chain.Tx(account, i % 2 == 0 ? CounterA : CounterB, [CounterModule.Increment]);
            }

            var (block, result) = chain.Build(txs);
            chain.Chain.Commit(Sealed(block), result);
        }
    }

    public static Block Sealed(Block block) =>
        block with { Certificate = new CommitCertificate(block.Header.Hash, 0, [CommitCertificates.CreateSeal(block.Header.Hash, 0, DevKeys.PrivateKey(Validator), Ecdsa.Default)]) };

    public static ChainSnapshot Snapshot(ChainStore chain, int chunkBytes = 1024) =>
        chain.CreateSnapshot(_ => [DevKeys.Address(Validator)], chunkBytes);

    /// <summary>A chain store over <paramref name="store"/> with the test genesis and modules, not opened.</summary>
    public static ChainStore Unopened(IKeyValueStore store) => new(store, CreateRegistry(), CreateGenesis());
}
