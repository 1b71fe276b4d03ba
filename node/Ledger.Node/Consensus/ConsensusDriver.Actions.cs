using Ledger.Consensus.Actions;
using Ledger.Consensus.Inputs;
using Ledger.Core.Chain;
using Ledger.Execution.Processing;

namespace Ledger.Node.Consensus;

public sealed partial class ConsensusDriver
{
    /// <summary>Executes the machine's actions in order (on the loop). Follow-up inputs are fed immediately, in order.</summary>
    private void Execute(IReadOnlyList<ConsensusAction> actions)
    {
        for (var i = 0; i < actions.Count && !_failed; i++)
        {
            switch (actions[i])
            {
                case PersistLockState persist:
                    try
                    {
                        LockStateStore.Save(_store, persist.State);
                    }
                    catch (Exception ex)
                    {
                        // A vote not on disk could be contradicted after a restart: stop before sending it.
                        Fail("the consensus lock state could not be written", ex);
                        return;
                    }

                    break;
                case Broadcast broadcast:
                    _network.Broadcast(broadcast.Message);
                    Retain(broadcast.Message);
                    break;
                case SetTimer timer:
                    ArmTimer(timer);
                    break;
                case RequestBlockCandidate request:
                    TrackBuild(Task.Run(() => BuildCandidateAsync(request, _stop.Token)));
                    break;
                case ValidateProposal validate:
                    Validate(validate);
                    break;
                case CommitBlock commit:
                    CommitFinal(commit);
                    break;
                default:
                    throw new InvalidOperationException($"unknown consensus action {actions[i].GetType().Name}");
            }
        }
    }

    private void ArmTimer(SetTimer timer)
    {
        _timer?.Dispose();
        var (height, round) = (timer.Height, timer.Round);
        _metrics.RoundTimeoutSeconds.Set(timer.DurationMs / 1000.0);
        _timer = _time.CreateTimer(
            _ => Post(() => OnTimer(height, round)),
            null,
            TimeSpan.FromMilliseconds(timer.DurationMs),
            Timeout.InfiniteTimeSpan);
    }

    private void OnTimer(ulong height, uint round)
    {
        if (height == _machine.Height && round == _machine.Round && !_machine.IsHeightCommitted)
        {
            _metrics.RoundChanges.WithLabels("timeout").Inc();
            LogRoundTimeout(height, round);
        }

        var before = _machine.Round;
        Feed(new TimerExpired(height, round));
        if (_machine.Round > before + 1)
        {
            _metrics.RoundChanges.WithLabels("jump").Inc();
        }
    }

    private void Validate(ValidateProposal validate)
    {
        var block = validate.Block;
        if (_executed.ContainsKey(block.Header.Hash))
        {
            // This node built it (or already checked it): executed on this parent, nothing more to learn.
            Feed(new ProposalValidated(validate.Height, block.Header.Hash, true));
            return;
        }

        var reason = CheckProposal(block, recoverSenders: true, out var result);
        if (reason is null && result is not null)
        {
            _executed[block.Header.Hash] = result;
        }
        else
        {
            LogProposalRejected(validate.Height, validate.Round, reason ?? "not executed");
        }

        Feed(new ProposalValidated(validate.Height, block.Header.Hash, reason is null, reason));
    }

    private void CommitFinal(CommitBlock commit)
    {
        var block = commit.Block.Certificate is null ? commit.Block with { Certificate = commit.Certificate } : commit.Block;
        var header = block.Header;
        if (header.Number <= _chain.HeadNumber)
        {
            return; // block sync stored it first
        }

        if (!_executed.TryGetValue(header.Hash, out var result))
        {
            var reason = CheckProposal(block, recoverSenders: true, out result);
            if (reason is not null || result is null)
            {
                // A quorum (including honest validators) certified a block this node cannot reproduce: stop rather than fork.
                Fail($"block {header.Number} was certified but does not execute here: {reason}", new InvalidOperationException(reason ?? "not executed"));
                return;
            }
        }

        StoreBlock(block, result);
        Feed(new Committed(header.Number));
        Feed(new StartHeight(header.Number + 1, header.Hash, ValidatorsAt(header.Number + 1).Addresses));
    }

    /// <summary>Commits a final block (synced), then tells the pool, the waiters and the metrics.</summary>
    private void StoreBlock(Block block, BlockExecutionResult result)
    {
        try
        {
            using var timing = _phases.Time(ConsensusPhaseMetrics.CommitToDisk);
            _chain.Commit(block, result);
        }
        catch (Exception ex)
        {
            Fail($"commit of block {block.Header.Number} failed", ex);
            throw;
        }

        _executed.Clear();
        _pool.RemoveCommitted(block.Header.Number, block.Transactions);
        Volatile.Write(ref _lastCommitAtMs, NowMs());
        _metrics.BlockHeight.Set(block.Header.Number);
        _metrics.TransactionsCommitted.Inc(block.Transactions.Count);
        _phases.Stored(block.Header);
        OnValidatorSetMaybeChanged(block.Header.Number + 1);
        LogBlockCommitted(block.Header.Number, block.Header.Round, block.Transactions.Count, block.Header.Hash);
        _waiters.Release(block.Header.Number);
        Notify(); // a proposer waiting for work may have some left in the pool
    }
}
