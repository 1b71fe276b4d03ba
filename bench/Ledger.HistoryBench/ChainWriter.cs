using System.Diagnostics;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Execution.Chain;
using Ledger.Execution.Processing;

namespace Ledger.HistoryBench;

/// <summary>
/// Writes the chain the queries run against: blocks of signed USDA/EURA transfers among the dev accounts, executed by
/// the real executor and committed by the real chain store (each block one synced RocksDB batch, the index rows in
/// it), exactly as a validator commits them — only consensus is left out.
/// </summary>
internal sealed class ChainWriter(ChainStore chain, BlockExecutor executor, ulong chainId, BenchOptions options)
{
    private const int ValidatorKey = 10;
    private static readonly Address[] Tokens = [Address.Parse("0x2000000000000000000000000000000000000001"), Address.Parse("0x2000000000000000000000000000000000000002")];
    private readonly ulong[] _nonces = new ulong[options.Accounts];
    private readonly byte[][] _keys = [.. Enumerable.Range(0, options.Accounts).Select(DevKeys.PrivateKey)];

    public TimeSpan Signing { get; private set; }

    public TimeSpan Committing { get; private set; }

    public void Write(Action<int> progress)
    {
        var written = 0;
        var validatorKey = DevKeys.PrivateKey(ValidatorKey);
        while (written < options.Transfers)
        {
            var count = Math.Min(options.PerBlock, options.Transfers - written);
            var clock = Stopwatch.StartNew();
            var transactions = Sign(written, count);
            Signing += clock.Elapsed;
            clock.Restart();
            var head = chain.Head.Header;
            // One second per block; the block gas limit is raised so a block holds the bench's transfers.
            var context = new BlockContext(head.Number + 1, head.TimestampMs + 1_000, DevKeys.Address(ValidatorKey), (ulong)count * 100_000, chainId);
            var result = executor.Execute(chain.LatestState, context, transactions);
            if (result.Receipts.Any(r => !r.Success))
            {
                throw new InvalidOperationException($"block {context.Number}: a bench transfer reverted; the dev accounts should hold enough");
            }

            var header = result.BuildHeader(head.Hash, context, round: 0, head.ValidatorSetHash);
            var seal = CommitCertificates.CreateSeal(header.Hash, 0, validatorKey, Ecdsa.Default);
            chain.Commit(new Block(header, transactions, new CommitCertificate(header.Hash, 0, [seal])), result);
            Committing += clock.Elapsed;
            written += count;
            progress(written);
        }
    }

    /// <summary>Transfers i..i+count: sender i mod N pays the next account 1.00–9.99 of USDA or EURA (signed in parallel).</summary>
    private SignedTransaction[] Sign(int first, int count)
    {
        var transactions = new SignedTransaction[count];
        var nonces = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            var sender = (first + i) % options.Accounts;
            nonces[i] = _nonces[sender]++;
        }

        Parallel.For(0, count, i =>
        {
            var n = first + i;
            var sender = n % options.Accounts;
            var recipient = DevKeys.Address((sender + 1 + (n / options.Accounts % (options.Accounts - 1))) % options.Accounts);
            var data = new AbiWriter(2).WriteAddress(recipient).WriteUInt256(new UInt256(100 + ((ulong)n % 900))).ToCallData("transfer(address,uint256)");
            transactions[i] = TransactionSigner.Sign(
                new UnsignedTransaction { ChainId = chainId, Nonce = nonces[i], GasLimit = 100_000, To = Tokens[n % 2], Data = data },
                _keys[sender],
                Ecdsa.Default);
        });
        return transactions;
    }
}
