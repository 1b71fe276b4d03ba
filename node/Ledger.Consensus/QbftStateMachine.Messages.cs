using Ledger.Consensus.Messages;
using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.Consensus;

public sealed partial class QbftStateMachine
{
    private void OnMessage(SignedConsensusMessage message)
    {
        if (_state is not { } state)
        {
            Reject("consensus has not started a height yet");
            return;
        }

        if (message.Height < state.Height)
        {
            Reject($"stale message for height {message.Height} (current {state.Height})");
            return;
        }

        if (message.Height > state.Height)
        {
            BufferFuture(state, message);
            return;
        }

        if (state.IsCommitted)
        {
            return;
        }

        if (!_verifier.TryRecoverSender(message, out var sender))
        {
            Reject($"{message.Type} for height {message.Height} round {message.Round} has an invalid signature");
            return;
        }

        if (!state.Validators.Contains(sender))
        {
            Reject($"{message.Type} from {sender}, which is not a validator of height {state.Height}");
            return;
        }

        if (sender == _signer.Address)
        {
            // Our own message echoed back (or from a previous run): we processed our copy when we sent it.
            return;
        }

        switch (message)
        {
            case ProposalMessage proposal:
                OnProposal(state, proposal, sender);
                break;
            case PrepareMessage prepare:
                OnPrepare(state, prepare, sender);
                break;
            case CommitMessage commit:
                OnCommit(state, commit, sender);
                break;
            case RoundChangeMessage roundChange:
                OnRoundChange(state, roundChange, sender);
                break;
            default:
                Reject($"unknown consensus message {message.GetType().Name}");
                break;
        }
    }

    private void BufferFuture(HeightState state, SignedConsensusMessage message)
    {
        if (message.Height - state.Height > (ulong)_options.FutureHeightWindow)
        {
            Reject($"message for height {message.Height} is too far ahead of {state.Height} (block sync will catch up)");
            return;
        }

        // Only current validators may fill the buffer; the set rarely changes and sync covers the exception.
        if (!_verifier.TryRecoverSender(message, out var sender) || !state.Validators.Contains(sender) || sender == _signer.Address)
        {
            Reject($"future {message.Type} for height {message.Height} is not signed by another validator");
            return;
        }

        if (!_future.TryAdd(sender, message))
        {
            Reject($"future-message buffer for {sender} is full");
        }
    }

    private void OnProposal(HeightState state, ProposalMessage proposal, Address sender)
    {
        if (proposal.Round < state.Round)
        {
            Reject($"proposal for past round {proposal.Round} (current {state.Round})");
            return;
        }

        var proposer = state.Validators.ProposerFor(state.Height, proposal.Round);
        if (sender != proposer)
        {
            Reject($"proposal for round {proposal.Round} from {sender}, but the proposer is {proposer}");
            return;
        }

        if (proposal.Block.Header.Number != state.Height || proposal.Block.Header.ParentHash != state.ParentHash)
        {
            Reject($"proposed block {proposal.Block.Header.Number} does not extend height {state.Height} on {state.ParentHash}");
            return;
        }

        if (state.FindRound(proposal.Round) is { Proposal: not null })
        {
            Reject($"second proposal for round {proposal.Round} (duplicate or equivocation)");
            return;
        }

        if (CheckProposalJustification(state, proposal) is { } error)
        {
            Reject(error);
            return;
        }

        if (proposal.Round > state.Round)
        {
            // A justified proposal proves a quorum moved to its round: follow it (QBFT UponProposal).
            MoveToRound(proposal.Round, sendRoundChange: false);
        }

        state.GetOrAddRound(proposal.Round).Proposal = proposal;
    }

    private void OnPrepare(HeightState state, PrepareMessage prepare, Address sender)
    {
        if (prepare.Round < state.Round || prepare.Round - state.Round > (uint)_options.FutureRoundWindow)
        {
            Reject($"prepare for round {prepare.Round} outside the window around round {state.Round}");
            return;
        }

        if (!state.GetOrAddRound(prepare.Round).Prepares.TryAdd(sender, prepare))
        {
            Reject($"second prepare from {sender} for round {prepare.Round}");
        }
    }

    private void OnCommit(HeightState state, CommitMessage commit, Address sender)
    {
        if ((long)commit.Round + _options.PastRoundWindow < state.Round || commit.Round > (long)state.Round + _options.FutureRoundWindow)
        {
            Reject($"commit for round {commit.Round} outside the window around round {state.Round}");
            return;
        }

        if (!_verifier.TryRecover(CommitCertificates.SealHash(commit.BlockHash, commit.Round), commit.CommitSeal, out var sealer) || sealer != sender)
        {
            Reject($"commit from {sender} for round {commit.Round} carries a seal that is not its own");
            return;
        }

        if (!state.GetOrAddRound(commit.Round).Commits.TryAdd(sender, commit))
        {
            Reject($"second commit from {sender} for round {commit.Round}");
        }
    }

    private void OnRoundChange(HeightState state, RoundChangeMessage roundChange, Address sender)
    {
        if (state.RoundChanges.TryGetValue(sender, out var existing) && existing.Round >= roundChange.Round)
        {
            Reject($"round change from {sender} for round {roundChange.Round} is not above its round {existing.Round}");
            return;
        }

        if (CheckRoundChange(state, roundChange) is { } error)
        {
            Reject(error);
            return;
        }

        state.RoundChanges[sender] = roundChange;
    }
}
