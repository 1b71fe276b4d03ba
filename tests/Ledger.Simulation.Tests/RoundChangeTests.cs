using Ledger.Consensus.Actions;
using Ledger.Consensus.Inputs;
using Ledger.Consensus.Messages;
using Ledger.Core.Chain;
using static Ledger.Simulation.Tests.TestValidators;

namespace Ledger.Simulation.Tests;

public sealed class RoundChangeTests
{
    [Fact]
    public void The_next_proposer_re_proposes_the_block_it_locked_on_with_its_prepared_certificate()
    {
        // Validator 2 proposes round 1 of height 1. In round 0 it prepared block B (proposed by validator 1).
        var validators = new TestValidators(4);
        var (proposer, blockB) = PreparedInRoundZero(validators, 2);
        var ownRoundChange = Sent<RoundChangeMessage>(proposer.Handle(new TimerExpired(1, 0))).Single();
        Assert.Equal(blockB.Header.Hash, ownRoundChange.Prepared!.BlockHash);

        Receive(proposer, validators.RoundChange(0, 1));
        var actions = Receive(proposer, validators.RoundChange(3, 1));

        Assert.Empty(actions.OfType<RequestBlockCandidate>());
        var proposal = Sent<ProposalMessage>(actions).Single();
        Assert.Equal(1u, proposal.Round);
        Assert.Equal(blockB.Header.Hash, proposal.BlockHash);
        Assert.Equal(3, proposal.RoundChangeJustification.Count);
        Assert.Equal(3, proposal.PreparedCertificate.Count);

        // Another validator still in round 0 follows the justified proposal into round 1 and prepares B.
        var follower = validators.Started(0);
        Receive(follower, WireRoundTrip(proposal));
        Assert.Equal(1u, follower.Round);
        var prepare = Sent<PrepareMessage>(follower.Handle(new ProposalValidated(1, blockB.Header.Hash, true))).Single();
        Assert.Equal((1u, blockB.Header.Hash), (prepare.Round, prepare.BlockHash));
    }

    [Fact]
    public void A_round_change_proposal_that_ignores_a_prepared_block_is_rejected()
    {
        var validators = new TestValidators(4);
        var (locked, blockB) = PreparedInRoundZero(validators, 2);
        var lockedRoundChange = Sent<RoundChangeMessage>(locked.Handle(new TimerExpired(1, 0))).Single();
        var justification = new[] { lockedRoundChange.WithoutAttachments(), validators.RoundChange(0, 1), validators.RoundChange(3, 1) };
        var fresh = validators.Block(2, 99);
        Assert.NotEqual(blockB.Header.Hash, fresh.Header.Hash);

        var follower = validators.Started(0);
        var actions = Receive(follower, validators.Proposal(2, 1, fresh, justification));

        Assert.Empty(actions.OfType<ValidateProposal>());
        Assert.Equal(0u, follower.Round);
        Assert.Contains("highest prepared", follower.LastRejection);
    }

    [Fact]
    public void A_round_change_proposal_without_a_quorum_of_round_changes_is_rejected()
    {
        var validators = new TestValidators(4);
        var follower = validators.Started(0);

        Receive(follower, validators.Proposal(2, 1, validators.Block(2, 3), [validators.RoundChange(2, 1), validators.RoundChange(3, 1)]));

        Assert.Equal(0u, follower.Round);
        Assert.Contains("quorum is 3", follower.LastRejection);
    }

    [Fact]
    public void F_plus_one_round_changes_for_higher_rounds_make_a_validator_jump_to_the_lowest_of_them()
    {
        var validators = new TestValidators(4);
        var machine = validators.Started(0);

        var afterOne = Receive(machine, validators.RoundChange(1, 3));
        Assert.Equal(0u, machine.Round);
        Assert.Empty(afterOne);

        var afterTwo = Receive(machine, validators.RoundChange(2, 5));
        Assert.Equal(3u, machine.Round);
        Assert.Contains(afterTwo, a => a is SetTimer { Round: 3, DurationMs: 8_000 });
        Assert.Equal(3u, Sent<RoundChangeMessage>(afterTwo).Single().Round);
    }

    [Fact]
    public void A_single_validator_cannot_drag_the_others_to_a_far_round()
    {
        var validators = new TestValidators(4);
        var machine = validators.Started(0);

        Receive(machine, validators.RoundChange(3, 1_000_000));

        Assert.Equal(0u, machine.Round);
    }

    [Fact]
    public void An_equivocating_proposer_gets_one_proposal_per_round_accepted()
    {
        var validators = new TestValidators(4);
        var machine = validators.Started(0);
        var first = validators.Block(1, 1);
        var second = validators.Block(1, 2);

        var validate = Receive(machine, validators.Proposal(1, 0, first));
        var ignored = Receive(machine, validators.Proposal(1, 0, second));

        Assert.Single(validate.OfType<ValidateProposal>());
        Assert.Empty(ignored);
        Assert.Contains("second proposal", machine.LastRejection);
    }

    [Fact]
    public void Commits_for_a_block_only_a_minority_prepared_never_finalise_it()
    {
        // The Byzantine proposer (1) showed block B to validator 3 only; 1 and 3 vote for B, nobody else does.
        var validators = new TestValidators(4);
        var machine = validators.Started(3);
        var blockB = validators.Block(1, 2);
        Receive(machine, validators.Proposal(1, 0, blockB));
        machine.Handle(new ProposalValidated(1, blockB.Header.Hash, true));
        var actions = Receive(machine, validators.Prepare(1, 0, blockB.Header.Hash)).ToList();
        actions.AddRange(Receive(machine, validators.Commit(1, 0, blockB.Header.Hash)));

        Assert.Empty(actions.OfType<CommitBlock>());
        Assert.Empty(Sent<CommitMessage>(actions));
        Assert.False(machine.IsHeightCommitted);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void An_equivocating_validator_among_four_never_causes_two_final_blocks(int seed)
    {
        // Validator 1 proposes round 0 of heights 4k+3 and votes for two blocks everywhere; the network is lossy.
        var simulation = new Simulation.Simulation(new Simulation.ScenarioConfig
        {
            Seed = seed,
            ValidatorCount = 4,
            ByzantineIndex = 1,
            GstMs = 2_500,
            DropRate = 0.1,
            MaxDelayMs = 80,
        })
        { RecordRejections = true };

        var result = simulation.Run();

        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains(simulation.RejectionReasons, r => r.Contains("second", StringComparison.Ordinal));
    }

    private static (Ledger.Consensus.QbftStateMachine Machine, Block Block) PreparedInRoundZero(TestValidators validators, int index)
    {
        var machine = validators.Started(index);
        var block = validators.Block(1, 42);
        Receive(machine, validators.Proposal(1, 0, block));
        machine.Handle(new ProposalValidated(1, block.Header.Hash, true));
        var others = Enumerable.Range(0, 4).Where(i => i != index).Take(2);
        var sent = new List<ConsensusAction>();
        foreach (var other in others)
        {
            sent.AddRange(Receive(machine, validators.Prepare(other, 0, block.Header.Hash)));
        }

        Assert.Single(Sent<CommitMessage>(sent));
        return (machine, block);
    }

    private static SignedConsensusMessage WireRoundTrip(SignedConsensusMessage message) =>
        ConsensusMessageCodec.Decode(ConsensusMessageCodec.Encode(message));
}
