using Ledger.Chaos.Checks;

namespace Ledger.Chaos.Tests.Checks;

/// <summary>The chain record can fail: it sees planted forks, broken links, double inclusions and lost blocks.</summary>
public sealed class ChainRecordTests
{
    private static readonly TimeSpan At = TimeSpan.FromSeconds(1);

    [Fact]
    public void Nodes_reporting_the_same_chain_raise_nothing_and_each_transaction_commits_once()
    {
        var record = new ChainRecord(2);
        var committed = new List<(string, ulong)>();
        record.Committed += (tx, height, _) => committed.Add((tx, height));

        foreach (var node in new[] { 0, 1 })
        {
            record.ObserveBlock(node, Block(1, "a1", "g", "0xt1"), At);
            record.ObserveBlock(node, Block(2, "a2", "a1", "0xt2", "0xt3"), At);
        }

        Assert.Empty(record.Violations);
        Assert.Equal([("0xt1", 1UL), ("0xt2", 2UL), ("0xt3", 2UL)], committed);
        Assert.Equal(2UL, record.HeightOf("0xT3"));
    }

    [Fact]
    public void Two_blocks_at_one_height_are_a_fork()
    {
        var record = new ChainRecord(2);
        record.ObserveBlock(0, Block(5, "a5", "a4"), At);
        record.ObserveBlock(1, Block(5, "b5", "a4"), At);

        var violation = Assert.Single(record.Violations);
        Assert.Equal(ViolationKind.Fork, violation.Kind);
        Assert.Contains("height 5", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_block_hash_with_another_state_root_is_a_fork()
    {
        var record = new ChainRecord(2);
        record.ObserveBlock(0, Block(5, "a5", "a4") with { StateRoot = "0xroot-a" }, At);
        record.ObserveBlock(1, Block(5, "a5", "a4") with { StateRoot = "0xroot-b" }, At);

        Assert.Equal(ViolationKind.Fork, Assert.Single(record.Violations).Kind);
    }

    [Fact]
    public void A_block_that_does_not_extend_the_block_below_breaks_the_chain()
    {
        var record = new ChainRecord(1);
        record.ObserveBlock(0, Block(7, "a7", "a6"), At);
        record.ObserveBlock(0, Block(8, "a8", "zz"), At);

        Assert.Contains(record.Violations, v => v.Kind == ViolationKind.Fork && v.Message.Contains("names parent zz", StringComparison.Ordinal));
    }

    [Fact]
    public void A_transaction_in_two_blocks_is_a_double_inclusion()
    {
        var record = new ChainRecord(1);
        record.ObserveBlock(0, Block(1, "a1", "g", "0xdup"), At);
        record.ObserveBlock(0, Block(2, "a2", "a1", "0xdup"), At);

        var violation = Assert.Single(record.Violations);
        Assert.Equal(ViolationKind.DoubleInclusion, violation.Kind);
        Assert.Contains("0xdup", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_head_that_goes_back_is_lost_blocks_unless_the_data_was_wiped()
    {
        var record = new ChainRecord(2);
        record.ObserveHead(0, 40, At);
        record.ObserveHead(0, 38, At + At);
        record.ObserveHead(1, 40, At);
        record.ObserveHead(1, 0, At + At, wiped: true);

        var violation = Assert.Single(record.Violations);
        Assert.Equal(ViolationKind.LostCommittedBlocks, violation.Kind);
        Assert.Contains("node 0", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_reached_is_when_the_slowest_node_got_there_after_the_heal()
    {
        var record = new ChainRecord(2);
        record.ObserveHead(0, 10, TimeSpan.FromSeconds(1));
        record.ObserveHead(1, 5, TimeSpan.FromSeconds(1));
        record.ObserveHead(0, 12, TimeSpan.FromSeconds(3));
        var heal = TimeSpan.FromSeconds(2);

        Assert.Null(record.AllReached(11, heal));

        record.ObserveHead(1, 11, TimeSpan.FromSeconds(6));
        Assert.Equal(TimeSpan.FromSeconds(6), record.AllReached(11, heal));
        Assert.Equal(TimeSpan.FromSeconds(2), record.AllReached(5, heal));
    }

    private static BlockSummary Block(ulong number, string hash, string parent, params string[] transactions) =>
        new(number, hash, parent, "0xroot", transactions);
}
