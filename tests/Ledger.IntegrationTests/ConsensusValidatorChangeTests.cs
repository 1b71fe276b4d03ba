using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.LoadGen.Rpc;
using Xunit.Abstractions;

namespace Ledger.IntegrationTests;

/// <summary>
/// Validator set changes on four real processes (issue 3, item 8): validators vote through <c>qbft_proposeValidatorVote</c>,
/// the change applies from the block after the majority vote, <c>qbft_getValidatorsByBlockNumber</c> shows it at that
/// height, and consensus continues with the new set. Also checks the per-phase and proposer metrics on <c>/metrics</c>.
/// </summary>
public sealed partial class ConsensusValidatorChangeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Three_validators_vote_the_fourth_out_the_three_keep_finalising_and_a_vote_brings_it_back()
    {
        using var cluster = ConsensusCluster.Start();
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), 2, Patience);
        var d = cluster.Validators[3].ToString();

        // 1. A, B and C vote D out; the majority (3 of 4) completes in block N, so the 3-validator set certifies N + 1.
        var removedFrom = await VoteAsync(cluster, [0, 1, 2], [d, false]);
        output.WriteLine($"D is out from block {removedFrom}");
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), removedFrom, Patience);
        using (var rpc = new JsonRpcClient(cluster.Node(0).RpcUrl))
        {
            Assert.Equal(4, (await ValidatorsAsync(rpc, removedFrom - 1)).Count);
            var three = await ValidatorsAsync(rpc, removedFrom);
            Assert.Equal(cluster.Validators.Take(3).Select(v => v.ToString().ToLowerInvariant()), three);
        }

        // 2. D stops; the three keep finalising (quorum of 3 is 2), with the same chain on each.
        cluster.Node(3).Kill();
        var head = await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), removedFrom + 4, Patience);
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(2), head, Patience);
        await cluster.AssertSameChainAsync([0, 1, 2]);

        var metrics = await MetricsAsync(cluster.Node(0).RpcUrl);
        Assert.Equal(3, Sample(metrics, "ledger_consensus_validators"));
        Assert.True(Sample(metrics, "ledger_consensus_phase_seconds_count{phase=\"proposal_to_prepared\"}") > 0, metrics);
        Assert.True(Sample(metrics, "ledger_consensus_phase_seconds_count{phase=\"prepared_to_committed\"}") > 0, metrics);
        Assert.True(Sample(metrics, "ledger_consensus_phase_seconds_count{phase=\"commit_to_disk\"}") > 0, metrics);
        Assert.True(Sample(metrics, "ledger_consensus_phase_seconds_count{phase=\"block_execution\"}") > 0, metrics);
        Assert.InRange(Sample(metrics, "ledger_consensus_proposer_index"), 0, 2);
        Assert.True(TotalProposed(await Task.WhenAll(Enumerable.Range(0, 3).Select(n => MetricsAsync(cluster.Node(n).RpcUrl)))) > 0);

        // 3. Two of the three vote D back in with its endpoints; D restarts, syncs across both changes and votes again.
        var grpcPort = cluster.Node(3).GrpcUrl.Port;
        var addedFrom = await VoteAsync(cluster, [0, 1], [d, true, "bank-d", "127.0.0.1", grpcPort, cluster.Node(3).RpcUrl.Port]);
        output.WriteLine($"D is back from block {addedFrom}");
        cluster.Node(3).Restart();
        var later = await ConsensusCluster.WaitForHeightAsync(cluster.Node(0), addedFrom + 2, Patience);
        await ConsensusCluster.WaitForHeightAsync(cluster.Node(3), later, Patience);
        using (var rpc = new JsonRpcClient(cluster.Node(3).RpcUrl))
        {
            Assert.Equal(3, (await ValidatorsAsync(rpc, addedFrom - 1)).Count);
            Assert.Equal(4, (await ValidatorsAsync(rpc, addedFrom)).Count);
            Assert.Equal(3, (await ValidatorsAsync(rpc, removedFrom)).Count);
        }

        await cluster.AssertSameChainAsync([0, 1, 2, 3]);
    }

    [Fact]
    public async Task A_vote_with_missing_or_bad_parameters_is_refused_with_a_clear_error()
    {
        using var cluster = ConsensusCluster.Start();
        using var rpc = new JsonRpcClient(cluster.Node(0).RpcUrl);
        var d = cluster.Validators[3].ToString();

        var noDetails = await rpc.TryCallAsync("qbft_proposeValidatorVote", [d, true]);
        var badPort = await rpc.TryCallAsync("qbft_proposeValidatorVote", [d, true, "bank-d", "127.0.0.1", 70_000, 8_545]);

        Assert.Contains("6 parameters", noDetails.Error?.Message);
        Assert.Contains("TCP ports", badPort.Error?.Message);
    }

    /// <summary>Each node in <paramref name="voters"/> votes; returns the first block certified by the changed set.</summary>
    private static Task<ulong> VoteAsync(ConsensusCluster cluster, int[] voters, object?[] vote) => cluster.VoteAsync(voters, vote, Patience);

    private static async Task<List<string>> ValidatorsAsync(JsonRpcClient rpc, ulong block)
    {
        var result = await rpc.CallAsync("qbft_getValidatorsByBlockNumber", "0x" + block.ToString("x", CultureInfo.InvariantCulture));
        return [.. result.EnumerateArray().Select(v => v.GetString()!.ToLowerInvariant())];
    }

    private static async Task<string> MetricsAsync(Uri rpcUrl)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(rpcUrl, "/metrics"));
    }

    /// <summary>The value of the sample line that starts with <paramref name="series"/> (name and labels), or NaN.</summary>
    private static double Sample(string metrics, string series)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return double.NaN;
    }

    private static double TotalProposed(string[] scrapes) =>
        scrapes.Sum(m => ProposedLine().Match(m) is { Success: true } match ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0);

    [GeneratedRegex(@"^ledger_consensus_blocks_proposed_total (\S+)$", RegexOptions.Multiline)]
    private static partial Regex ProposedLine();
}
