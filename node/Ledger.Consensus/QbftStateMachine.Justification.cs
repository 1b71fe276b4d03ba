using Ledger.Consensus.Messages;
using Ledger.Core.Primitives;

namespace Ledger.Consensus;

public sealed partial class QbftStateMachine
{
    /// <summary>
    /// QBFT proposal justification: round 0 needs none; round r &gt; 0 needs a quorum of distinct validators'
    /// ROUND-CHANGEs for r, and if any of them was prepared, the block must be the highest prepared one, proven by a
    /// quorum of PREPAREs. This is the rule that keeps a block that may be final elsewhere from being replaced.
    /// </summary>
    private string? CheckProposalJustification(HeightState state, ProposalMessage proposal)
    {
        if (proposal.Round == 0)
        {
            return proposal.RoundChangeJustification.Count == 0 && proposal.PreparedCertificate.Count == 0
                ? null
                : "a round-0 proposal must not carry a justification";
        }

        var senders = new HashSet<Address>();
        PreparedClaim? highest = null;
        var matchesHighest = false;
        foreach (var roundChange in proposal.RoundChangeJustification)
        {
            if (roundChange.Height != state.Height || roundChange.Round != proposal.Round)
            {
                return $"proposal justification holds a round change for height {roundChange.Height} round {roundChange.Round}";
            }

            if (roundChange.Prepared is { } claim && claim.Round >= roundChange.Round)
            {
                return $"proposal justification claims prepared round {claim.Round} not below round {roundChange.Round}";
            }

            if (!_verifier.TryRecoverSender(roundChange, out var signer) || !state.Validators.Contains(signer) || !senders.Add(signer))
            {
                return "proposal justification holds a round change that is unsigned, duplicated or not from a validator";
            }

            if (roundChange.Prepared is { } prepared)
            {
                if (highest is null || prepared.Round > highest.Round)
                {
                    highest = prepared;
                    matchesHighest = prepared.BlockHash == proposal.BlockHash;
                }
                else if (prepared.Round == highest.Round && prepared.BlockHash == proposal.BlockHash)
                {
                    matchesHighest = true;
                }
            }
        }

        if (senders.Count < state.Validators.Quorum)
        {
            return $"proposal for round {proposal.Round} is justified by {senders.Count} round changes, quorum is {state.Validators.Quorum}";
        }

        if (highest is null)
        {
            return proposal.PreparedCertificate.Count == 0 ? null : "proposal carries prepares but no round change was prepared";
        }

        if (!matchesHighest)
        {
            return $"proposal for round {proposal.Round} must re-propose the highest prepared block (round {highest.Round})";
        }

        return CheckPreparedCertificate(state, proposal.PreparedCertificate, highest.Round, proposal.BlockHash);
    }

    private string? CheckRoundChange(HeightState state, RoundChangeMessage roundChange)
    {
        if (roundChange.Prepared is not { } claim)
        {
            return roundChange.PreparedBlock is null && roundChange.PreparedCertificate.Count == 0
                ? null
                : "round change without a prepared claim carries a block or certificate";
        }

        if (claim.Round >= roundChange.Round)
        {
            return $"round change to {roundChange.Round} claims prepared round {claim.Round}";
        }

        if (roundChange.PreparedBlock is not { } block || block.Header.Hash != claim.BlockHash)
        {
            return $"round change claims prepared block {claim.BlockHash} but does not carry it";
        }

        if (block.Header.Number != state.Height || block.Header.ParentHash != state.ParentHash)
        {
            return $"round change carries block {block.Header.Number} that does not extend height {state.Height}";
        }

        return CheckPreparedCertificate(state, roundChange.PreparedCertificate, claim.Round, claim.BlockHash);
    }

    /// <summary>A quorum of PREPAREs from distinct validators for exactly (height, round, block).</summary>
    private string? CheckPreparedCertificate(HeightState state, IReadOnlyList<PrepareMessage> prepares, uint round, Hash32 blockHash)
    {
        var senders = new HashSet<Address>();
        foreach (var prepare in prepares)
        {
            if (prepare.Height != state.Height || prepare.Round != round || prepare.BlockHash != blockHash)
            {
                return $"prepared certificate holds a prepare for another height, round or block (expected round {round})";
            }

            if (!_verifier.TryRecoverSender(prepare, out var signer) || !state.Validators.Contains(signer) || !senders.Add(signer))
            {
                return "prepared certificate holds a prepare that is unsigned, duplicated or not from a validator";
            }
        }

        return senders.Count >= state.Validators.Quorum
            ? null
            : $"prepared certificate has {senders.Count} prepares, quorum is {state.Validators.Quorum}";
    }
}
