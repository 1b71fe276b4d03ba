using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.JsonRpc.Subscriptions;
using Ledger.JsonRpc.Tests.Fakes;

namespace Ledger.JsonRpc.Tests;

/// <summary>Compiled log criteria: eth_getLogs matching rules over hash sets, and bloom tests without hashing per block.</summary>
public sealed class LogCriteriaTests
{
    private static readonly LogEntry Log = SubscriptionDispatchTests.FourTopicLog();

    [Fact]
    public void Any_address_and_each_position_any_or_one_of_its_topics()
    {
        Assert.True(LogCriteria.Any.Matches(Log));
        Assert.True(new LogCriteria([SubscriptionDispatchTests.NumberedAddress(1), Log.Address], []).Matches(Log));
        Assert.False(new LogCriteria([SubscriptionDispatchTests.NumberedAddress(1)], []).Matches(Log));
        Assert.True(new LogCriteria([], [null, [Hash32.Zero, Log.Topics[1]], [], [Log.Topics[3]]]).Matches(Log));
        Assert.False(new LogCriteria([], [null, [Hash32.Zero]]).Matches(Log));

        // A position the log does not have matches only as a wildcard.
        Assert.True(new LogCriteria([], [null, null, null, null, null]).Matches(Log));
        Assert.False(new LogCriteria([], [null, null, null, null, [Log.Topics[0]]]).Matches(Log));
    }

    [Fact]
    public void Criteria_at_the_limits_match_only_their_own_log()
    {
        var criteria = SubscriptionDispatchTests.MaximumCriteria(Log);
        Assert.True(criteria.Matches(Log));
        Assert.False(criteria.Matches(Log with { Address = SubscriptionDispatchTests.NumberedAddress(5_000) }));
        Assert.False(criteria.Matches(Log with { Topics = [Log.Topics[0], Log.Topics[1], Log.Topics[2], Hash32.Zero] }));
    }

    [Fact]
    public void The_precomputed_bloom_test_agrees_with_the_bloom_for_every_item()
    {
        // 300 random blooms of 1-3 logs, each tested against 200 addresses and topics: the compiled bits must
        // answer exactly what Bloom.MayContain answers by hashing.
        var random = new Random(11);
        for (var round = 0; round < 300; round++)
        {
            var logs = Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomLog(random)).ToArray();
            var bloom = Bloom.FromLogs(logs);
            for (var probe = 0; probe < 200; probe++)
            {
                var address = probe % 7 == 0 ? logs[0].Address : RandomAddress(random);
                Assert.Equal(Bloom.MayContain(bloom, address), new LogCriteria([address], []).MayMatch(bloom));
                var topic = probe % 5 == 0 ? logs[^1].Topics[0] : RandomHash(random);
                Assert.Equal(Bloom.MayContain(bloom, topic), new LogCriteria([], [[topic]]).MayMatch(bloom));
            }
        }
    }

    [Fact]
    public void A_bloom_rules_a_block_out_only_when_no_listed_item_can_be_in_it()
    {
        var bloom = Bloom.FromLogs([Log]);
        Assert.True(SubscriptionDispatchTests.MaximumCriteria(Log).MayMatch(bloom));
        Assert.True(LogCriteria.Any.MayMatch(Bloom.Empty()));
        Assert.False(new LogCriteria([Log.Address], []).MayMatch(Bloom.Empty()));
        Assert.False(new LogCriteria([], [null, [Log.Topics[1]]]).MayMatch(Bloom.Empty()));
        Assert.Throws<ArgumentException>(() => LogCriteria.Any.MayMatch(new byte[10]));
    }

    private static LogEntry RandomLog(Random random) => new(RandomAddress(random), [RandomHash(random), RandomHash(random)], []);

    private static Address RandomAddress(Random random)
    {
        var bytes = new byte[Address.Length];
        random.NextBytes(bytes);
        return new Address(bytes);
    }

    private static Hash32 RandomHash(Random random)
    {
        var bytes = new byte[Hash32.Length];
        random.NextBytes(bytes);
        return Keccak256.Hash(bytes);
    }

    [Fact]
    public void Duplicates_in_a_list_change_nothing()
    {
        var criteria = new LogCriteria([TestChain.Token, TestChain.Token], [[Log.Topics[0], Log.Topics[0]]]);
        Assert.True(criteria.Matches(Log));
        Assert.True(criteria.MayMatch(Bloom.FromLogs([Log])));
    }
}
