using System.Collections.Concurrent;
using System.Diagnostics;
using Ledger.Simulation.Tests.Simulation;
using Xunit.Abstractions;

namespace Ledger.Simulation.Tests;

/// <summary>
/// The simulator with real execution (issue 3, item 3): repo genesis, module catalog, block executor and a chain store
/// per validator on in-memory stores, token transfers in every block. Besides the usual safety checks, every honest
/// ledger must hold the same blocks with the same state roots, also after crash-restarts that reopen the stores.
/// </summary>
public sealed class RealExecutionSimulationTests(ITestOutputHelper output)
{
    [Fact]
    public void Four_validators_finalise_real_transfers_and_every_ledger_has_the_same_state_roots()
    {
        var simulation = new Simulation.Simulation(new ScenarioConfig
        {
            Seed = 21,
            ValidatorCount = 4,
            GstMs = 2_000,
            DropRate = 0.1,
            DuplicateRate = 0.1,
            LivenessHeights = 6,
            RealExecution = true,
        });

        var result = simulation.Run();

        Assert.True(result.Succeeded, result.ToString());
        var transactions = AssertSameLedgers(simulation);
        Assert.True(transactions > 0, "no block carried a transaction");
        var ledger = simulation.Nodes[0].Ledger!;
        var succeeded = Enumerable.Range(1, (int)ledger.HeadNumber)
            .SelectMany(h => ledger.Chain.GetReceipts(ledger.GetBlock((ulong)h)!.Header.Hash) ?? [])
            .Count(r => r.Success);
        Assert.True(succeeded > 0, "no transfer succeeded: the blocks executed only reverts");
    }

    [Fact]
    public void Validators_that_crash_reopen_their_ledgers_and_catch_up_to_the_same_state()
    {
        var simulation = new Simulation.Simulation(new ScenarioConfig
        {
            Seed = 22,
            ValidatorCount = 4,
            GstMs = 4_000,
            Crashes = [new CrashPlan(1, 800, 2_500), new CrashPlan(2, 1_500, 1_900)],
            MidActionCrashes = true,
            LivenessHeights = 4,
            RealExecution = true,
        });

        var result = simulation.Run();

        Assert.True(result.Succeeded, result.ToString());
        AssertSameLedgers(simulation);
    }

    [Fact]
    public void A_byzantine_proposer_with_real_blocks_cannot_split_the_honest_ledgers()
    {
        var simulation = new Simulation.Simulation(new ScenarioConfig
        {
            Seed = 23,
            ValidatorCount = 4,
            ByzantineIndex = 2,
            GstMs = 2_500,
            LivenessHeights = 5,
            RealExecution = true,
        });

        var result = simulation.Run();

        Assert.True(result.Succeeded, result.ToString());
        AssertSameLedgers(simulation);
    }

    [Fact]
    public void A_validator_set_change_with_real_execution_keeps_the_ledgers_identical()
    {
        var simulation = new Simulation.Simulation(new ScenarioConfig
        {
            Seed = 24,
            ValidatorCount = 4,
            GstMs = 1_500,
            SetChanges = [new SetChangePlan(3, [0, 1, 2])],
            LivenessHeights = 5,
            RealExecution = true,
        });

        var result = simulation.Run();

        Assert.True(result.Succeeded, result.ToString());
        AssertSameLedgers(simulation);
    }

    [Fact]
    public void Seeded_scenarios_with_real_execution_stay_safe_live_and_identical()
    {
        var failures = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        const int Scenarios = 120;
        Parallel.For(0, Scenarios, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var simulation = new Simulation.Simulation(ScenarioConfig.FromSeed(30_000 + i) with { RealExecution = true });
            var result = simulation.Run();
            if (!result.Succeeded)
            {
                failures.Add(result.ToString());
                return;
            }

            try
            {
                AssertSameLedgers(simulation);
            }
            catch (Exception ex) when (ex is Xunit.Sdk.XunitException)
            {
                failures.Add($"{result.Config}: {ex.Message}");
            }
        });

        output.WriteLine($"{Scenarios} real-execution scenarios in {clock.Elapsed.TotalSeconds:F1}s wall");
        foreach (var failure in failures.Take(10))
        {
            output.WriteLine(failure);
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} scenario(s) failed; first: {failures.FirstOrDefault()}");
    }

    /// <summary>Every honest node's ledger has the simulator's chain: same block hashes and state roots; returns the transaction count.</summary>
    private static int AssertSameLedgers(Simulation.Simulation simulation)
    {
        var honest = simulation.Nodes.Where(n => !n.IsByzantine).ToList();
        var common = honest.Min(n => n.Ledger!.HeadNumber);
        Assert.True(common >= 1, "no block was committed");
        var transactions = 0;
        for (var h = 0UL; h <= common; h++)
        {
            var reference = honest[0].Ledger!.GetBlock(h)!;
            transactions += reference.Transactions.Count;
            foreach (var node in honest)
            {
                var block = node.Ledger!.GetBlock(h)!;
                Assert.Equal(reference.Header.Hash, block.Header.Hash);
                Assert.Equal(reference.Header.StateRoot, block.Header.StateRoot);
                Assert.Equal(node.Chain[(int)h].Header.Hash, block.Header.Hash);
            }
        }

        foreach (var node in honest.Where(n => n.Ledger!.HeadNumber == common))
        {
            Assert.Equal(honest.First(n => n.Ledger!.HeadNumber == common).Ledger!.StateRoot, node.Ledger!.StateRoot);
        }

        return transactions;
    }
}
