using System.Collections.Concurrent;
using Ledger.Consensus.Actions;
using Ledger.Consensus.Inputs;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Simulation.Tests.Simulation;
using Xunit.Abstractions;
using static Ledger.Simulation.Tests.TestValidators;

namespace Ledger.Simulation.Tests;

/// <summary>
/// Validator set changes at a block boundary (issue 3, item 8): each height runs with its own set, so quorum, proposer
/// rotation and certificate checks follow the change, and a removed validator's votes stop counting.
/// </summary>
public sealed class ValidatorSetChangeTests(ITestOutputHelper output)
{
    private readonly TestValidators _validators = new(4);

    [Fact]
    public void After_removing_one_of_four_two_of_the_remaining_three_finalise_a_height()
    {
        var machine = _validators.Machine(0);
        IReadOnlyList<Address> three = [.. _validators.Addresses.Take(3)];
        machine.Handle(new StartHeight(1, _validators.Genesis.Header.Hash, three));
        var block = Block(proposer: 1, three);

        Receive(machine, _validators.Proposal(1, 0, block));
        machine.Handle(new ProposalValidated(1, block.Header.Hash, true));
        Receive(machine, _validators.Prepare(1, 0, block.Header.Hash));
        var actions = Receive(machine, _validators.Commit(1, 0, block.Header.Hash));

        var commit = Assert.Single(actions.OfType<CommitBlock>());
        Assert.Equal(2, commit.Certificate.Seals.Count);
        Assert.True(CommitCertificates.Verify(commit.Certificate, block.Header, three, Ecdsa.Default, out var error), error);
    }

    [Fact]
    public void The_same_two_votes_are_not_a_quorum_of_the_four_validator_set()
    {
        var machine = _validators.Started(0);
        var block = _validators.Block(1, 5);

        Receive(machine, _validators.Proposal(1, 0, block));
        machine.Handle(new ProposalValidated(1, block.Header.Hash, true));
        Receive(machine, _validators.Prepare(1, 0, block.Header.Hash));
        var actions = Receive(machine, _validators.Commit(1, 0, block.Header.Hash));

        Assert.Empty(actions.OfType<CommitBlock>());
    }

    [Fact]
    public void A_removed_validators_prepare_and_commit_are_refused()
    {
        var machine = _validators.Machine(0);
        IReadOnlyList<Address> three = [.. _validators.Addresses.Take(3)];
        machine.Handle(new StartHeight(1, _validators.Genesis.Header.Hash, three));
        var block = Block(proposer: 1, three);
        Receive(machine, _validators.Proposal(1, 0, block));
        machine.Handle(new ProposalValidated(1, block.Header.Hash, true));

        var afterPrepare = Receive(machine, _validators.Prepare(3, 0, block.Header.Hash));
        var afterCommit = Receive(machine, _validators.Commit(3, 0, block.Header.Hash));

        Assert.Empty(afterPrepare.OfType<CommitBlock>());
        Assert.Empty(afterCommit.OfType<CommitBlock>());
        Assert.Equal(2, machine.RejectedMessages);
        Assert.Contains("not a validator", machine.LastRejection);
    }

    [Fact]
    public void A_validator_removed_from_the_set_stops_proposing_and_voting()
    {
        var machine = _validators.Machine(3);
        IReadOnlyList<Address> three = [.. _validators.Addresses.Take(3)];

        var actions = machine.Handle(new StartHeight(2, _validators.Genesis.Header.Hash, three));

        // In the old set validator 3 proposes height 2 in round 1 ((2 + 1) mod 4 = 3); outside the set it neither
        // proposes nor sends ROUND-CHANGEs when the round times out.
        Assert.Empty(actions.OfType<RequestBlockCandidate>());
        Assert.Empty(actions.OfType<Broadcast>());
        var later = machine.Handle(new TimerExpired(2, 0));
        Assert.Empty(later.OfType<Broadcast>());
    }

    [Fact]
    public void Four_to_three_keeps_finalising_while_the_removed_validator_is_down()
    {
        var simulation = new Simulation.Simulation(new ScenarioConfig
        {
            Seed = 11,
            ValidatorCount = 4,
            GstMs = 6_000,
            SetChanges = [new SetChangePlan(3, [0, 1, 2])],
            Crashes = [new CrashPlan(3, 1_500, 5_900)],
            LivenessHeights = 4,
        });

        var result = simulation.Run();

        Assert.True(result.Succeeded, result.ToString());
        var chain = simulation.Nodes[0].Chain;
        Assert.True(chain.Count > 6, $"only {chain.Count - 1} blocks");
        AssertCertifiedBy(simulation, chain, 1, 2, simulation.Validators);
        AssertCertifiedBy(simulation, chain, 3, chain.Count - 1, simulation.ValidatorsAt(3));
        Assert.All(chain.Skip(3), b => Assert.DoesNotContain(b.Certificate!.Seals, s => s.Validator == simulation.Validators[3]));
    }

    [Fact]
    public void A_removed_validator_added_back_votes_again()
    {
        var simulation = new Simulation.Simulation(new ScenarioConfig
        {
            Seed = 12,
            ValidatorCount = 4,
            GstMs = 2_000,
            SetChanges = [new SetChangePlan(2, [0, 1, 2]), new SetChangePlan(5, [0, 1, 2, 3])],
            LivenessHeights = 6,
        });

        var result = simulation.Run();

        Assert.True(result.Succeeded, result.ToString());
        var chain = simulation.Nodes[3].Chain;
        AssertCertifiedBy(simulation, chain, 2, 4, simulation.ValidatorsAt(2));
        AssertCertifiedBy(simulation, chain, 5, chain.Count - 1, simulation.Validators);
        Assert.Contains(chain.Skip(5), b => b.Certificate!.Seals.Count >= 3);
    }

    [Fact]
    public void Seeded_scenarios_with_a_validator_removed_mid_run_stay_safe_and_live()
    {
        var failures = new ConcurrentBag<SimulationResult>();
        Parallel.For(0, 300, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, seed =>
        {
            var config = ScenarioConfig.FromSeed(10_000 + seed);
            if (config.ValidatorCount < 4)
            {
                return;
            }

            // Remove the Byzantine validator when there is one: 3 of 4 tolerate no fault, so a Byzantine member would
            // void the scenario's own assumptions rather than test the change.
            var removed = config.ByzantineIndex ?? (seed % config.ValidatorCount);
            var change = new SetChangePlan((ulong)(2 + (seed % 3)), [.. Enumerable.Range(0, config.ValidatorCount).Where(i => i != removed)]);
            var result = new Simulation.Simulation(config with { SetChanges = [change] }).Run();
            if (!result.Succeeded)
            {
                failures.Add(result);
            }
        });

        foreach (var failure in failures.OrderBy(f => f.Config.Seed).Take(10))
        {
            output.WriteLine(failure.ToString());
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} scenario(s) failed; first: {failures.OrderBy(f => f.Config.Seed).FirstOrDefault()}");
    }

    private static void AssertCertifiedBy(Simulation.Simulation simulation, IReadOnlyList<Block> chain, int from, int to, IReadOnlyList<Address> set)
    {
        for (var h = from; h <= to && h < chain.Count; h++)
        {
            var block = chain[h];
            Assert.Equal(ValidatorSet.ComputeHash(set), block.Header.ValidatorSetHash);
            Assert.True(
                CommitCertificates.Verify(block.Certificate!, block.Header, set, Ecdsa.Default, out var error),
                $"block {h}: {error} (sets: {string.Join(" | ", simulation.Nodes.Select(n => n.Index))})");
        }
    }

    private Block Block(int proposer, IReadOnlyList<Address> set) =>
        SimBlocks.Make(1, _validators.Genesis.Header.Hash, _validators.Addresses[proposer], 0, 1_000, 5, ValidatorSet.ComputeHash(set), valid: true);
}
