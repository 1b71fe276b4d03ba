using Ledger.Consensus.Actions;
using Ledger.Consensus.Messages;

namespace Ledger.Consensus;

public sealed partial class QbftStateMachine
{
    private void MoveToRound(uint newRound, bool sendRoundChange)
    {
        var state = _state!;
        state.Round = newRound;
        state.PruneRoundsBelow(newRound > (uint)_options.PastRoundWindow ? newRound - (uint)_options.PastRoundWindow : 0);
        Emit(new SetTimer(state.Height, newRound, _options.RoundTimeoutMs(newRound)));
        if (!sendRoundChange || !state.IsLocalValidator)
        {
            return;
        }

        var claim = state is { PreparedRound: { } preparedRound, PreparedBlock: { } block }
            ? new PreparedClaim(preparedRound, block.Header.Hash)
            : null;
        var roundChange = ConsensusMessageSigning.SignRoundChange(
            _signer, ChainId, state.Height, newRound, claim, state.PreparedBlock, state.PreparedCertificate);
        state.RoundChanges[_signer.Address] = roundChange;
        Emit(new Broadcast(roundChange));
    }

    /// <summary>
    /// f + 1 validators asking for rounds above ours include an honest one, so we are behind: jump to the highest
    /// round that f + 1 of them have reached (the smallest round of the f + 1 highest requests).
    /// </summary>
    private void ApplyRoundChangeRules(HeightState state)
    {
        var needed = state.Validators.MaxFaulty + 1;
        var ahead = new List<uint>(state.RoundChanges.Count);
        foreach (var roundChange in state.RoundChanges.Values)
        {
            if (roundChange.Round > state.Round)
            {
                ahead.Add(roundChange.Round);
            }
        }

        if (ahead.Count < needed)
        {
            return;
        }

        ahead.Sort();
        MoveToRound(ahead[^needed], sendRoundChange: true);
    }

    /// <summary>
    /// As proposer of the current round: round 0 asks the node for a block; round r &gt; 0 waits for a quorum of
    /// ROUND-CHANGEs for r, then re-proposes the highest prepared block among them, or asks for a new one.
    /// </summary>
    private void TryPropose(HeightState state)
    {
        if (!state.IsLocalValidator || state.Validators.ProposerFor(state.Height, state.Round) != _signer.Address)
        {
            return;
        }

        var round = state.GetOrAddRound(state.Round);
        if (round.SentProposal is not null || round.Proposal is not null || round.CandidateRequested)
        {
            return;
        }

        if (state.Round == 0)
        {
            round.CandidateRequested = true;
            Emit(new RequestBlockCandidate(state.Height, 0, state.ParentHash));
            return;
        }

        var justification = new List<RoundChangeMessage>(state.Validators.Count);
        RoundChangeMessage? highest = null;
        foreach (var validator in state.Validators.Addresses)
        {
            if (state.RoundChanges.TryGetValue(validator, out var roundChange) && roundChange.Round == state.Round)
            {
                justification.Add(roundChange.WithoutAttachments());
                if (roundChange.Prepared is { } prepared && (highest?.Prepared is null || prepared.Round > highest.Prepared.Round))
                {
                    highest = roundChange;
                }
            }
        }

        if (justification.Count < state.Validators.Quorum)
        {
            return;
        }

        if (highest is { PreparedBlock: { } block })
        {
            Propose(round, block, justification, highest.PreparedCertificate);
            return;
        }

        round.CandidateRequested = true;
        round.CandidateJustification = justification;
        Emit(new RequestBlockCandidate(state.Height, state.Round, state.ParentHash));
    }
}
