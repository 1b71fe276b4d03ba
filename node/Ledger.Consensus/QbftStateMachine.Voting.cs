using Ledger.Consensus.Actions;
using Ledger.Consensus.Messages;
using Ledger.Core.Chain;
using Ledger.Core.Primitives;

namespace Ledger.Consensus;

public sealed partial class QbftStateMachine
{
    private void Propose(RoundState round, Block block, IReadOnlyList<RoundChangeMessage> justification, IReadOnlyList<PrepareMessage> prepared)
    {
        var state = _state!;
        var proposal = ConsensusMessageSigning.SignProposal(_signer, ChainId, state.Height, round.Round, block, justification, prepared);
        var hash = proposal.BlockHash;
        round.SentProposal = hash;
        round.Proposal = proposal;
        PrepareMessage? prepare = null;
        if (state.VerdictOf(hash) == true && round.SentPrepare is null)
        {
            // Our own valid block: one synced write covers the proposal and our PREPARE for it.
            round.ProposalAccepted = true;
            round.SentPrepare = hash;
            prepare = ConsensusMessageSigning.SignPrepare(_signer, ChainId, state.Height, round.Round, hash);
        }

        // Persisted first: a restarted proposer must not propose a different block for the same round.
        Emit(new PersistLockState(Snapshot(state)));
        Emit(new Broadcast(proposal));
        if (prepare is not null)
        {
            round.Prepares[_signer.Address] = prepare;
            Emit(new Broadcast(prepare));
        }
    }

    private void TryAcceptProposal(HeightState state, RoundState round)
    {
        if (round.Proposal is not { } proposal || round.ProposalAccepted || round.ProposalRejected)
        {
            return;
        }

        var hash = proposal.BlockHash;
        if (round.SentPrepare is { } sent && sent != hash)
        {
            // Only possible after a restart: we already prepared another block in this round.
            round.ProposalRejected = true;
            Reject($"proposal {hash} for round {round.Round} conflicts with the prepare already sent for {sent}");
            return;
        }

        switch (state.VerdictOf(hash))
        {
            case null:
                RequestValidation(state, round.Round, proposal.Block);
                return;
            case false:
                round.ProposalRejected = true;
                Reject($"proposed block {hash} for round {round.Round} failed validation");
                return;
        }

        round.ProposalAccepted = true;
        if (!state.IsLocalValidator)
        {
            return;
        }

        var prepare = ConsensusMessageSigning.SignPrepare(_signer, ChainId, state.Height, round.Round, hash);
        if (round.SentPrepare is null)
        {
            round.SentPrepare = hash;
            Emit(new PersistLockState(Snapshot(state)));
        }

        // Re-sending after a restart repeats the identical (deterministically signed) vote, never a different one.
        round.Prepares[_signer.Address] = prepare;
        Emit(new Broadcast(prepare));
    }

    private void TryPrepared(HeightState state, RoundState round)
    {
        if (!round.ProposalAccepted || round.Prepared || round.Proposal is not { } proposal)
        {
            return;
        }

        var hash = proposal.BlockHash;
        var certificate = CollectPrepares(state, round, hash);
        if (certificate.Count < state.Validators.Quorum)
        {
            return;
        }

        round.Prepared = true;
        state.PreparedRound = round.Round;
        state.PreparedBlock = proposal.Block;
        state.PreparedCertificate = certificate;
        if (!state.IsLocalValidator || (round.SentCommit is { } sent && sent != hash))
        {
            return;
        }

        round.SentCommit = hash;
        var commit = ConsensusMessageSigning.SignCommit(_signer, ChainId, state.Height, round.Round, hash);
        // The lock must be on disk before the COMMIT leaves: our later ROUND-CHANGEs have to carry it.
        Emit(new PersistLockState(Snapshot(state)));
        round.Commits[_signer.Address] = commit;
        Emit(new Broadcast(commit));
    }

    private void TryCommit(HeightState state)
    {
        foreach (var round in state.Rounds)
        {
            if (round.Commits.Count < state.Validators.Quorum || FindCommitQuorum(state, round) is not { } hash)
            {
                continue;
            }

            if (state.FindBlock(hash) is not { } block)
            {
                continue;
            }

            switch (state.VerdictOf(hash))
            {
                case null:
                    RequestValidation(state, round.Round, block);
                    continue;
                case false:
                    // A quorum finalised a block our executor rejects: never store it; block sync and operators decide.
                    continue;
            }

            var seals = new List<CommitSeal>(round.Commits.Count);
            foreach (var validator in state.Validators.Addresses)
            {
                if (round.Commits.TryGetValue(validator, out var commit) && commit.BlockHash == hash)
                {
                    seals.Add(new CommitSeal(validator, commit.CommitSeal));
                }
            }

            var certificate = new CommitCertificate(hash, round.Round, seals);
            // The header records the round that finalised it (the hash does not cover the round).
            var header = block.Header.Round == round.Round ? block.Header : block.Header with { Round = round.Round };
            state.IsCommitted = true;
            Emit(new CommitBlock(block with { Header = header, Certificate = certificate }, certificate));
            return;
        }
    }

    private static Hash32? FindCommitQuorum(HeightState state, RoundState round)
    {
        foreach (var candidate in round.Commits.Values)
        {
            var votes = 0;
            foreach (var commit in round.Commits.Values)
            {
                if (commit.BlockHash == candidate.BlockHash)
                {
                    votes++;
                }
            }

            if (votes >= state.Validators.Quorum)
            {
                return candidate.BlockHash;
            }
        }

        return null;
    }

    private static List<PrepareMessage> CollectPrepares(HeightState state, RoundState round, Hash32 hash)
    {
        var prepares = new List<PrepareMessage>(state.Validators.Count);
        foreach (var validator in state.Validators.Addresses)
        {
            if (round.Prepares.TryGetValue(validator, out var prepare) && prepare.BlockHash == hash)
            {
                prepares.Add(prepare);
            }
        }

        return prepares;
    }

    private void RequestValidation(HeightState state, uint round, Block block)
    {
        if (state.MarkValidationRequested(block.Header.Hash))
        {
            Emit(new ValidateProposal(state.Height, round, block));
        }
    }
}
