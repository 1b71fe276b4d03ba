using Ledger.Consensus.Actions;
using Ledger.Consensus.Inputs;
using Ledger.Core.Chain;
using Ledger.Core.Transactions;
using Ledger.Execution.Pool;
using Ledger.Execution.Processing;

namespace Ledger.Node.Consensus;

public sealed partial class ConsensusDriver
{
    /// <summary>How far ahead of this node's clock a proposal's timestamp may be.</summary>
    private const long MaxFutureTimestampMs = 15_000;

    /// <summary>
    /// Proposer side, off the loop: waits for transactions (or, idle, up to <see cref="ConsensusDriverOptions.MaxProposalWaitMs"/>,
    /// then proposes an empty block so the round does not time out), builds on the head and posts the candidate.
    /// </summary>
    private async Task BuildCandidateAsync(RequestBlockCandidate request, CancellationToken stop)
    {
        try
        {
            var started = NowMs();
            var earliest = Volatile.Read(ref _lastCommitAtMs) + _options.BlockIntervalMs;
            var latest = started + _options.MaxProposalWaitMs;
            while (_pool.Count == 0 && NowMs() < latest)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
                wait.CancelAfter(TimeSpan.FromMilliseconds(Math.Max(1, latest - NowMs())));
                try
                {
                    await _admitted.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    break;
                }
            }

            var delay = earliest - NowMs();
            if (delay > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(delay), _time, stop).ConfigureAwait(false);
            }

            var parent = _chain.Head;
            if (parent.Header.Hash != request.ParentHash)
            {
                return; // the chain moved on (block sync); the machine has left this height
            }

            var (block, result) = Build(request, parent);
            Post(() =>
            {
                if (_machine.Height != request.Height || _machine.Round != request.Round || _chain.Head.Header.Hash != request.ParentHash)
                {
                    return; // stale: the machine refuses candidates for another height
                }

                _executed[block.Header.Hash] = result;
                Feed(new BlockCandidateReady(request.Height, request.Round, block));
            });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopping
        }
        catch (Exception ex) when (ChainMovedPast(request))
        {
            // The build runs off the loop while the loop may commit blocks (block sync after a restart): the state it
            // executed on is no longer the head, and the world state refuses a state root on top of an older block. The
            // candidate is stale, not broken, and the machine has left this height — nothing to stop for. (Found by the
            // chaos campaign, docs/RELIABILITY.md: a validator SIGKILLed under load died here while catching up; and by the
            // rolling-restart process test.)
            LogStaleCandidate(request.Height, ex.Message);
        }
        catch (Exception ex)
        {
            Post(() => Fail("building a block proposal failed", ex));
        }
    }

    /// <summary>
    /// True once a block at <paramref name="request"/>'s height (or later) is being or has been committed. The world state
    /// moves before the chain's head pointer (ChainStore.Commit publishes the state, then the block), so both are read:
    /// a build that fails inside that window is as stale as one that fails after it.
    /// </summary>
    private bool ChainMovedPast(RequestBlockCandidate request) =>
        _chain.Head.Header.Hash != request.ParentHash || _chain.LatestState.BlockNumber >= request.Height;

    /// <summary>Keeps in-flight builds so that disposal waits for them before the store closes.</summary>
    private void TrackBuild(Task build)
    {
        lock (_builds)
        {
            _builds.RemoveAll(b => b.IsCompleted);
            _builds.Add(build);
        }
    }

    private (Block Block, BlockExecutionResult Result) Build(RequestBlockCandidate request, Block parent)
    {
        var state = _chain.LatestState;
        var genesis = _chain.Genesis;

        // The byte budget keeps every proposal (block + justification) far below the peer message limit: a block too
        // large to send would time out every round, and the next proposer would build the same block again.
        var candidates = _pool.TakeReady(
            _options.MaxTransactionsPerBlock, ulong.MaxValue, BlockLimits.TransactionBudget(genesis.Consensus.MaxBlockBytes), state.GetNonce);
        var now = (ulong)Math.Max(0, NowMs());
        var context = new BlockContext(
            request.Height, Math.Max(now, parent.Header.TimestampMs + 1), Validator, genesis.Consensus.BlockGasLimit, genesis.ChainId);
        BlockBuildResult built;
        using (_phases.Time(ConsensusPhaseMetrics.BlockExecution))
        {
            built = _executor.Build(state, context, candidates, _options.MaxTransactionsPerBlock);
        }

        foreach (var refused in built.Rejected)
        {
            // Refused now means refused by every validator on this parent: drop those whose nonce is already used.
            if (refused.Transaction.Nonce < state.GetNonce(refused.Transaction.Sender))
            {
                _pool.Drop(
                    refused.Transaction.Hash,
                    PoolDropReason.NonceUsed,
                    $"nonce {refused.Transaction.Nonce} is already used in the state of block {state.BlockNumber}");
            }
        }

        var header = built.Result.BuildHeader(parent.Header.Hash, context, request.Round, ValidatorsAt(request.Height).Hash);
        return (new Block(header, built.Transactions, null), built.Result);
    }

    /// <summary>
    /// Validator side: null when the block extends our head and re-executes to exactly its header; otherwise why not.
    /// Senders are re-derived here (<see cref="RecoverSenders"/>): the proposer's are not trusted.
    /// </summary>
    private string? CheckProposal(Block block, bool recoverSenders, out BlockExecutionResult? result)
    {
        result = null;
        var header = block.Header;
        var head = _chain.Head.Header;
        var genesis = _chain.Genesis;
        if (header.Number != head.Number + 1 || header.ParentHash != head.Hash)
        {
            return $"block {header.Number} ({header.ParentHash}) does not extend head {head.Number} ({head.Hash})";
        }

        // The set that certifies this height (changed by votes in earlier blocks): the header must commit to it.
        var expectedSet = ValidatorsAt(header.Number).Hash;
        if (header.ValidatorSetHash != expectedSet)
        {
            return $"validator set hash {header.ValidatorSetHash} is not {expectedSet}, the hash of the validators of block {header.Number}";
        }

        if (header.GasLimit != genesis.Consensus.BlockGasLimit)
        {
            return $"gas limit {header.GasLimit} is not {genesis.Consensus.BlockGasLimit}";
        }

        if (header.TimestampMs <= head.TimestampMs || header.TimestampMs > (ulong)Math.Max(0, NowMs() + MaxFutureTimestampMs))
        {
            return $"timestamp {header.TimestampMs} is not after the parent's ({head.TimestampMs}) or too far in the future";
        }

        if (block.Transactions.Count > _options.MaxTransactionsPerBlock)
        {
            return $"{block.Transactions.Count} transactions exceed the limit of {_options.MaxTransactionsPerBlock}";
        }

        if (BlockLimits.Check(block, genesis.Consensus.MaxBlockBytes, genesis.Consensus.MaxTransactionBytes) is { } tooLarge)
        {
            return tooLarge;
        }

        if (recoverSenders && RecoverSenders(block.Transactions) is { } badTransaction)
        {
            return badTransaction;
        }

        var context = new BlockContext(header.Number, header.TimestampMs, header.Proposer, header.GasLimit, genesis.ChainId);
        try
        {
            using var timing = _phases.Time(ConsensusPhaseMetrics.BlockExecution);
            result = _executor.Execute(_chain.LatestState, context, block.Transactions);
        }
        catch (InvalidBlockException ex)
        {
            return ex.Message;
        }

        return result.FindMismatch(header);
    }
}
