using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen;

namespace Ledger.IntegrationTests;

/// <summary>
/// A small run of the real load generator (bench/Ledger.LoadGen) against a dev node: it sets up its accounts,
/// gets every transfer committed, reports sane figures and stops by itself. Figures are not asserted.
/// </summary>
public sealed class LoadGeneratorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(400)]
    public async Task Load_generator_commits_every_transfer_and_reports_latency(int rate)
    {
        using var node = LedgerProcess.StartDev();
        var options = new LoadGenOptions
        {
            RpcUrls = [node.RpcUrl],
            Transactions = 300,
            Accounts = 20,
            Batch = 50,
            Connections = 2,
            Rate = rate,
            CommitTimeoutSeconds = 30,
            MaxDurationSeconds = 120,
        };
        options.Validate();
        using var log = new StringWriter();

        var report = await LoadRun.RunAsync(options, [node.RpcUrl], log, CancellationToken.None);

        var context = $"{report.ToJson()}\n--- load generator ---\n{log}\n--- node ---\n{node.Output}";
        Assert.True(report.Errors == 0, context);
        Assert.True(report.Submitted == 300 && report.Committed == 300 && report.Uncommitted == 0, context);
        Assert.True(report.Tps > 0 && report.DurationS > 0, context);
        Assert.True(report.LatencyMs.P50 <= report.LatencyMs.P99 && report.LatencyMs.P99 <= report.LatencyMs.Max, context);
        Assert.Equal(rate, report.OfferedRate);
        Assert.Null(report.PhaseMsPerBlock); // one validator runs no consensus rounds
    }

    /// <summary>
    /// The payment-processor shape that stranded acknowledged transfers (issue 11): a few accounts, each sending
    /// thousands of transfers in nonce order, in batches of 200 over four concurrent connections, at most 500 nonces
    /// ahead of what is committed. Every transfer must be admitted and commit.
    /// </summary>
    [Fact]
    public async Task In_order_bursts_from_a_few_accounts_over_several_connections_all_commit_on_a_dev_node()
    {
        using var node = LedgerProcess.StartDev();
        var options = new LoadGenOptions
        {
            RpcUrls = [node.RpcUrl],
            Transactions = 4_500,
            Accounts = 3,
            Batch = 200,
            Connections = 4,
            ProcessorShape = true,
            MaxAhead = 500,
            CommitTimeoutSeconds = 60,
            MaxDurationSeconds = 240,
        };
        options.Validate();
        using var log = new StringWriter();

        var report = await LoadRun.RunAsync(options, [node.RpcUrl], log, CancellationToken.None);

        var context = $"{report.ToJson()}\n--- load generator ---\n{log}\n--- node ---\n{ConsensusCluster.Tail(node.Output)}";
        Assert.True(report.Errors == 0, context);
        Assert.True(report.Submitted == 4_500 && report.Committed == 4_500 && report.Uncommitted == 0, context);
    }

    [Fact]
    public async Task In_order_bursts_over_four_validators_all_commit_on_every_node()
    {
        using var cluster = ConsensusCluster.Start();
        var urls = Enumerable.Range(0, cluster.Count).Select(i => cluster.Node(i).RpcUrl).ToArray();
        var options = new LoadGenOptions
        {
            RpcUrls = urls,
            Transactions = 3_000,
            Accounts = 3,
            Batch = 200,
            Connections = 4,
            ProcessorShape = true,
            MaxAhead = 500,
            CommitTimeoutSeconds = 60,
            MaxDurationSeconds = 300,
        };
        options.Validate();
        using var log = new StringWriter();

        var report = await LoadRun.RunAsync(options, urls, log, CancellationToken.None);

        var context = $"{report.ToJson()}\n--- load generator ---\n{log}\n--- node 0 ---\n{ConsensusCluster.Tail(cluster.Node(0).Output)}";
        Assert.True(report.Errors == 0, context);
        Assert.True(report.Submitted == 3_000 && report.Committed == 3_000 && report.Uncommitted == 0, context);
        await cluster.AssertSameChainAsync([0, 1, 2, 3]);
    }

    [Fact]
    public async Task Load_generator_round_robin_over_four_validators_gets_every_transfer_committed_on_every_node()
    {
        // Each batch goes to a different node, so most transfers reach the proposer of their block only by gossip.
        using var cluster = ConsensusCluster.Start();
        var urls = Enumerable.Range(0, cluster.Count).Select(i => cluster.Node(i).RpcUrl).ToArray();
        var options = new LoadGenOptions
        {
            RpcUrls = urls,
            Transactions = 400,
            Accounts = 40,
            Batch = 25,
            Connections = 2,
            CommitTimeoutSeconds = 60,
            MaxDurationSeconds = 240,
        };
        options.Validate();
        using var log = new StringWriter();

        var report = await LoadRun.RunAsync(options, urls, log, CancellationToken.None);

        var context = $"{report.ToJson()}\n--- load generator ---\n{log}\n--- node 0 ---\n{ConsensusCluster.Tail(cluster.Node(0).Output)}";
        Assert.True(report.Errors == 0, context);
        Assert.True(report.Submitted == 400 && report.Committed == 400 && report.Uncommitted == 0, context);
        Assert.NotNull(report.PhaseMsPerBlock);
        Assert.Equal(
            ["block_execution", "commit_to_disk", "prepared_to_committed", "proposal_to_prepared"],
            report.PhaseMsPerBlock.Keys.Order(StringComparer.Ordinal));
        Assert.All(report.PhaseMsPerBlock.Values, ms => Assert.True(ms >= 0, context));
        await cluster.AssertSameChainAsync([0, 1, 2, 3]);
    }

    [Theory]
    [InlineData(new[] { "--txs", "10" }, "exactly one of --rpc URL, --spawn-dev and --spawn-testnet")]
    [InlineData(new[] { "--spawn-dev", "--spawn-testnet", "--txs", "10" }, "exactly one of --rpc URL, --spawn-dev and --spawn-testnet")]
    [InlineData(new[] { "--rpc", "http://127.0.0.1:1,ftp://x", "--txs", "10" }, "--rpc needs http(s) URLs, got 'ftp://x'")]
    [InlineData(new[] { "--rpc", "ftp://x", "--txs", "10" }, "--rpc needs http(s) URLs")]
    [InlineData(new[] { "--spawn-dev", "--txs", "ten" }, "--txs needs a whole number")]
    [InlineData(new[] { "--spawn-dev", "--shape", "burst" }, "--shape is spread or processor, got 'burst'")]
    [InlineData(new[] { "--spawn-dev", "--shape", "processor", "--max-ahead", "100" }, "--max-ahead (100) must exceed --batch (200)")]
    [InlineData(new[] { "--spawn-dev", "--txs", "10", "--accounts", "20" }, "must not exceed --txs")]
    [InlineData(new[] { "--spawn-dev", "--speed", "3" }, "unknown option '--speed'")]
    [InlineData(new[] { "--spawn-dev", "--rate" }, "--rate needs a value")]
    public void Load_generator_rejects_bad_options_with_a_specific_error(string[] args, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => LoadGenOptions.Parse(args));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
