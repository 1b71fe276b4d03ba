using Ledger.Consensus.Actions;
using Ledger.Consensus.Inputs;
using Ledger.Consensus.Messages;
using Ledger.Consensus.Persistence;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Simulation.Tests.Simulation;
using static Ledger.Simulation.Tests.TestValidators;

namespace Ledger.Simulation.Tests;

public sealed class ConsensusScenarioTests
{
    [Fact]
    public void Four_honest_validators_on_a_clean_network_finalise_identical_blocks_in_round_zero()
    {
        var simulation = new Simulation.Simulation(new ScenarioConfig { Seed = 1, ValidatorCount = 4, GstMs = 1_500 });
        var result = simulation.Run();

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(0u, result.MaxRound);
        Assert.True(result.MinHonestHeight >= 5, result.ToString());
        var reference = simulation.Nodes[0].Chain;
        foreach (var node in simulation.Nodes)
        {
            for (var height = 1; height < Math.Min(reference.Count, node.Chain.Count); height++)
            {
                Assert.Equal(reference[height].Header.Hash, node.Chain[height].Header.Hash);
                Assert.True(CommitCertificates.Verify(node.Chain[height].Certificate!, node.Chain[height].Header, simulation.Validators, Ecdsa.Default, out var error), error);
            }
        }
    }

    [Fact]
    public void A_crashed_proposer_is_replaced_through_a_round_change()
    {
        // Validator 1 proposes (height 1, round 0); it is down until long after the others moved on.
        var simulation = new Simulation.Simulation(new ScenarioConfig
        {
            Seed = 2,
            ValidatorCount = 4,
            GstMs = 3_000,
            Crashes = [new CrashPlan(1, 0, 2_900)],
        });
        var result = simulation.Run();

        Assert.True(result.Succeeded, result.ToString());
        var first = simulation.Nodes[0].Chain[1].Header;
        Assert.True(first.Round >= 1, $"block 1 was finalised in round {first.Round}");
        Assert.NotEqual(simulation.Validators[1], first.Proposer);
    }

    [Fact]
    public void A_single_validator_finalises_each_height_alone_with_a_valid_certificate()
    {
        var validators = new TestValidators(1);
        var machine = validators.Machine(0);
        var start = machine.Handle(validators.Start());
        var request = Assert.Single(start.OfType<RequestBlockCandidate>());
        var block = validators.Block(0, 1);

        var actions = machine.Handle(new BlockCandidateReady(request.Height, request.Round, block));

        var commit = Assert.Single(actions.OfType<CommitBlock>());
        Assert.Equal(block.Header.Hash, commit.Block.Header.Hash);
        Assert.True(CommitCertificates.Verify(commit.Certificate, commit.Block.Header, validators.Addresses, Ecdsa.Default, out var error), error);
        Assert.True(machine.IsHeightCommitted);
    }

    [Fact]
    public void Votes_are_persisted_before_they_are_broadcast()
    {
        var validators = new TestValidators(4);
        var machine = validators.Started(0);
        var block = validators.Block(1, 7);
        Receive(machine, validators.Proposal(1, 0, block));

        var prepareActions = machine.Handle(new ProposalValidated(1, block.Header.Hash, true));
        Receive(machine, validators.Prepare(1, 0, block.Header.Hash));
        var commitActions = Receive(machine, validators.Prepare(2, 0, block.Header.Hash));

        AssertPersistPrecedes<PrepareMessage>(prepareActions);
        AssertPersistPrecedes<CommitMessage>(commitActions);
        var lockState = commitActions.OfType<PersistLockState>().Single().State;
        Assert.Equal(0u, lockState.PreparedRound);
        Assert.Equal(block.Header.Hash, lockState.PreparedBlock!.Header.Hash);
        Assert.Equal(3, lockState.PreparedCertificate.Count);
    }

    [Fact]
    public void A_restarted_validator_never_prepares_a_second_block_in_the_same_round()
    {
        var validators = new TestValidators(4);
        var first = validators.Started(0);
        var blockA = validators.Block(1, 1);
        var blockB = validators.Block(1, 2);
        Receive(first, validators.Proposal(1, 0, blockA));
        var actions = first.Handle(new ProposalValidated(1, blockA.Header.Hash, true));
        var persisted = LockStateCodec.Decode(LockStateCodec.Encode(actions.OfType<PersistLockState>().Single().State));
        var originalPrepare = Sent<PrepareMessage>(actions).Single();

        // Crash; restart from the synced lock state; the (equivocating) proposer now shows block B.
        var restarted = validators.Started(0, persisted);
        Receive(restarted, validators.Proposal(1, 0, blockB));
        var afterB = restarted.Handle(new ProposalValidated(1, blockB.Header.Hash, true));
        Assert.Empty(Sent<PrepareMessage>(afterB));
        Assert.Contains("conflicts with the prepare already sent", restarted.LastRejection);

        // The original proposal may only produce the identical vote again.
        var restartedAgain = validators.Started(0, persisted);
        Receive(restartedAgain, validators.Proposal(1, 0, blockA));
        var again = Sent<PrepareMessage>(restartedAgain.Handle(new ProposalValidated(1, blockA.Header.Hash, true))).Single();
        Assert.Equal(originalPrepare.BlockHash, again.BlockHash);
        Assert.Equal(originalPrepare.Signature, again.Signature);
    }

    [Fact]
    public void A_restarted_validator_keeps_its_round_and_its_lock()
    {
        var validators = new TestValidators(4);
        var machine = validators.Started(2);
        var block = validators.Block(1, 5);
        Receive(machine, validators.Proposal(1, 0, block));
        machine.Handle(new ProposalValidated(1, block.Header.Hash, true));
        Receive(machine, validators.Prepare(1, 0, block.Header.Hash));
        var actions = Receive(machine, validators.Prepare(3, 0, block.Header.Hash));
        var persisted = LockStateCodec.Decode(LockStateCodec.Encode(actions.OfType<PersistLockState>().Last().State));

        var restarted = validators.Started(2, persisted);
        var roundChange = Sent<RoundChangeMessage>(restarted.Handle(new TimerExpired(1, 0))).Single();

        Assert.Equal(1u, roundChange.Round);
        Assert.Equal(new PreparedClaim(0, block.Header.Hash), roundChange.Prepared);
        Assert.Equal(3, roundChange.PreparedCertificate.Count);
    }

    private static void AssertPersistPrecedes<T>(IReadOnlyList<ConsensusAction> actions)
        where T : SignedConsensusMessage
    {
        var persist = actions.ToList().FindIndex(a => a is PersistLockState);
        var vote = actions.ToList().FindIndex(a => a is Broadcast { Message: T });
        Assert.True(persist >= 0 && vote > persist, $"expected PersistLockState before the {typeof(T).Name} broadcast: {string.Join(", ", actions.Select(a => a.GetType().Name))}");
    }
}
