using System.Diagnostics;
using Ledger.Core.Chain;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Execution.Pool;
using Ledger.Execution.Processing;
using Ledger.Execution.State;

namespace Ledger.Node.Production;

public sealed partial class BlockProducer
{
    /// <summary>
    /// Produces and commits one block now (ignoring the interval), or returns null when there is nothing to
    /// include and <paramref name="allowEmpty"/> is false, or when production has stopped after a failure.
    /// The background loop calls this; tests may call it directly.
    /// </summary>
    public Block? ProduceBlock(bool allowEmpty = false)
    {
        lock (_produceLock)
        {
            if (_failed)
            {
                return null;
            }

            var started = Stopwatch.GetTimestamp();
            var parent = _chain.Head;
            var state = _chain.LatestState;
            // Bounded by count and bytes (genesis maxBlockBytes), not by gas limits: the executor fits transactions by
            // the gas they actually use (as Ethereum does), so generous gas limits do not shrink blocks; what does not
            // fit stays pooled for the next one.
            var candidates = _pool.TakeReady(_options.MaxTransactionsPerBlock, ulong.MaxValue, _transactionBytesBudget, state.GetNonce);
            if (candidates.Count == 0 && !allowEmpty)
            {
                return null;
            }

            var nowMs = (ulong)Math.Max(0, NowMs());
            var context = new BlockContext(
                parent.Header.Number + 1,
                Math.Max(nowMs, parent.Header.TimestampMs + 1),
                _validator,
                _blockGasLimit,
                _chainId);
            var built = Build(state, context, candidates);
            if (built is null || (built.Transactions.Count == 0 && !allowEmpty))
            {
                return null;
            }

            var header = built.Result.BuildHeader(parent.Header.Hash, context, round: 0, _validatorSetHash);
            var seal = new CommitSeal(_validator, _signer.Sign(CommitCertificates.SealHash(header.Hash, 0)));
            var block = new Block(header, built.Transactions, new CommitCertificate(header.Hash, 0, [seal]));
            try
            {
                _chain.Commit(block, built.Result);
            }
            catch (Exception ex)
            {
                // The store refuses every later write; the node must stop rather than serve a chain it cannot extend.
                Fail($"commit of block {header.Number} failed", ex);
                return null;
            }

            _pool.RemoveCommitted(header.Number, block.Transactions);
            Volatile.Write(ref _lastBlockAtMs, NowMs());
            Record(block, Stopwatch.GetElapsedTime(started));
            BlockProduced?.Invoke(block);
            _waiters.Release(header.Number);
            return block;
        }
    }

    /// <summary>
    /// Executes the candidates. A candidate the executor refuses (it would make the block invalid, e.g. a nonce
    /// made stale by a race) is left out of the block and dropped from the pool, so it can never stall production.
    /// </summary>
    private BlockBuildResult? Build(StateSnapshot state, BlockContext context, IReadOnlyList<SignedTransaction> candidates)
    {
        var remaining = candidates;
        while (true)
        {
            BlockBuildResult built;
            try
            {
                built = _builder.Build(state, context, remaining, _options.MaxTransactionsPerBlock);
            }
            catch (InvalidBlockException ex) when (ex.TransactionIndex >= 0)
            {
                // Build reports refusals instead of throwing, but a refusal found later (or a strict executor)
                // throws: drop the named transaction and try the rest again.
                LogTransactionDropped(ex.TransactionHash, ex.Reason);
                _pool.Drop(ex.TransactionHash, PoolDropReason.Invalid, $"invalid at execution: {ex.Reason}");
                remaining = Without(remaining, ex.TransactionHash);
                continue;
            }

            DropRefused(state, context, built);
            return built;
        }
    }

    /// <summary>
    /// Drops each refused transaction that is itself at fault: its nonce is stale, or it was its sender's next
    /// nonce and was refused for something other than the block's remaining gas. Kept in the pool: one that did
    /// not fit the gas left (it goes in a later block), and a later nonce of the same sender refused only because
    /// an earlier one was (it becomes valid once the gap is filled, e.g. by a replacement).
    /// </summary>
    private void DropRefused(StateSnapshot state, BlockContext context, BlockBuildResult built)
    {
        if (built.Rejected.Count == 0)
        {
            return;
        }

        // Gas left only shrinks while a block fills, so a transaction asking for more than what is left at the
        // end may have been refused for gas; give it the next block rather than drop it.
        var gasLeftAtEnd = context.GasLimit - built.Result.GasUsed;

        var includedBySender = new Dictionary<Address, ulong>();
        foreach (var tx in built.Transactions)
        {
            includedBySender[tx.Sender] = includedBySender.GetValueOrDefault(tx.Sender) + 1;
        }

        foreach (var refused in built.Rejected)
        {
            var tx = refused.Transaction;
            var expected = state.GetNonce(tx.Sender) + includedBySender.GetValueOrDefault(tx.Sender);
            var stale = tx.Nonce < expected;
            if (stale || (tx.Nonce == expected && tx.GasLimit <= gasLeftAtEnd))
            {
                LogTransactionDropped(tx.Hash, refused.Reason);
                _pool.Drop(
                    tx.Hash,
                    stale ? PoolDropReason.NonceUsed : PoolDropReason.Invalid,
                    stale ? $"nonce {tx.Nonce} is already used in the state of block {state.BlockNumber}" : $"invalid at execution: {refused.Reason}");
            }
        }
    }

    private static List<SignedTransaction> Without(IReadOnlyList<SignedTransaction> transactions, Hash32 hash)
    {
        var kept = new List<SignedTransaction>(transactions.Count);
        foreach (var tx in transactions)
        {
            if (tx.Hash != hash)
            {
                kept.Add(tx);
            }
        }

        return kept;
    }

    private void Record(Block block, TimeSpan elapsed)
    {
        var header = block.Header;
        LogBlockCommitted(header.Number, block.Transactions.Count, header.GasUsed, header.Hash, elapsed.TotalMilliseconds);
        if (_metrics is { } metrics)
        {
            metrics.BlockHeight.Set(header.Number);
            metrics.TransactionsCommitted.Inc(block.Transactions.Count);
            metrics.BlockCommitSeconds.Observe(elapsed.TotalSeconds);
        }
    }

    private void Fail(string message, Exception exception)
    {
        _failed = true;
        LogFatal(message, exception);
        _waiters.Fail(new InvalidOperationException($"block production stopped: {message}", exception));
        _fatal.OnFatalError(message, exception);
    }
}
