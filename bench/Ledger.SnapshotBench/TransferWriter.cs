using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Execution.Chain;
using Ledger.Execution.Processing;

namespace Ledger.SnapshotBench;

/// <summary>
/// Writes the source chain: blocks of signed USDA/EURA transfers among the bench's customers, executed by the real
/// executor and committed by the real chain store (one synced RocksDB batch per block) and sealed by the one validator,
/// as consensus would commit them.
/// </summary>
internal sealed class TransferWriter(ChainStore chain, BlockExecutor executor, SnapshotBenchOptions options)
{
    private const int ValidatorKey = 10;
    private readonly Address[] _tokens = [chain.Genesis.FindToken("USDA")!.Address, chain.Genesis.FindToken("EURA")!.Address];
    private readonly ulong[] _nonces = new ulong[options.Accounts];
    private readonly byte[][] _keys = [.. Enumerable.Range(SnapshotBenchGenesis.FirstAccountKey, options.Accounts).AsParallel().AsOrdered().Select(DevKeys.PrivateKey)];

    public void Write(Action<int> progress)
    {
        var written = 0;
        var validatorKey = DevKeys.PrivateKey(ValidatorKey);
        var chainId = chain.Genesis.ChainId;
        while (written < options.Transfers)
        {
            var count = Math.Min(options.PerBlock, options.Transfers - written);
            var transactions = Sign(written, count, chainId);
            var head = chain.Head.Header;
            var context = new BlockContext(head.Number + 1, head.TimestampMs + 1_000, DevKeys.Address(ValidatorKey), chain.Genesis.Consensus.BlockGasLimit, chainId);
            var result = executor.Execute(chain.LatestState, context, transactions);
            if (result.Receipts.Any(r => !r.Success) || result.Receipts.Count != count)
            {
                throw new InvalidOperationException($"block {context.Number}: {count - result.Receipts.Count(r => r.Success)} of {count} bench transfers failed or did not fit the block");
            }

            var header = result.BuildHeader(head.Hash, context, round: 0, head.ValidatorSetHash);
            var seal = CommitCertificates.CreateSeal(header.Hash, 0, validatorKey, Ecdsa.Default);
            chain.Commit(new Block(header, transactions, new CommitCertificate(header.Hash, 0, [seal])), result);
            written += count;
            progress(written);
        }
    }

    /// <summary>Transfers first..first+count: customer n mod N pays another 1.00–9.99 of USDA or EURA (signed in parallel).</summary>
    private SignedTransaction[] Sign(int first, int count, ulong chainId)
    {
        var accounts = options.Accounts;
        var transactions = new SignedTransaction[count];
        var nonces = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            nonces[i] = _nonces[(first + i) % accounts]++;
        }

        Parallel.For(0, count, i =>
        {
            var n = first + i;
            var sender = n % accounts;
            var recipient = SnapshotBenchGenesis.FirstAccountKey + ((sender + 1 + (n / accounts % (accounts - 1))) % accounts);
            var data = new AbiWriter(2).WriteAddress(DevKeys.Address(recipient)).WriteUInt256(new UInt256(100 + ((ulong)n % 900))).ToCallData("transfer(address,uint256)");
            transactions[i] = TransactionSigner.Sign(
                new UnsignedTransaction { ChainId = chainId, Nonce = nonces[i], GasLimit = 100_000, To = _tokens[n % 2], Data = data },
                _keys[sender],
                Ecdsa.Default);
        });
        return transactions;
    }
}
