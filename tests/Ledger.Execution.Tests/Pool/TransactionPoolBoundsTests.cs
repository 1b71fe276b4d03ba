using Ledger.Execution.Pool;

namespace Ledger.Execution.Tests.Pool;

/// <summary>Count and byte bounds, and who is evicted when the pool is full.</summary>
public sealed class TransactionPoolBoundsTests
{
    [Fact]
    public void A_sender_over_its_byte_share_is_refused_naming_the_limit()
    {
        var fixture = new PoolFixture(o => o with { PerSenderMaxBytes = 10_000 });
        Assert.True(fixture.Admit(1, Big(0)).IsAccepted);
        Assert.True(fixture.Admit(1, Big(1)).IsAccepted);

        var refused = fixture.Admit(1, Big(2));

        Assert.Equal(AdmissionError.PoolFull, refused.Error);
        Assert.Contains("of 10000 bytes", refused.Message, StringComparison.Ordinal);
        Assert.True(fixture.Admit(2, Big(0)).IsAccepted); // others are not affected
    }

    [Fact]
    public void The_pool_byte_limit_evicts_like_the_count_limit()
    {
        var fixture = new PoolFixture(o => o with { MaxBytes = 15_000, PerSenderMaxBytes = 10_000 });
        Assert.True(fixture.Admit(1, Big(0)).IsAccepted);
        var tail = fixture.Admit(1, Big(1));
        Assert.True(fixture.Admit(2, Big(0)).IsAccepted);
        Assert.True(fixture.Pool.Bytes > 10_000);

        var newcomer = fixture.Admit(3, Big(0));

        Assert.True(newcomer.IsAccepted, newcomer.Message);
        Assert.Equal(PoolDropReason.Evicted, fixture.Pool.GetStatus(tail.Hash).Reason);
        Assert.True(fixture.Pool.Bytes <= 15_000);
    }

    [Fact]
    public void When_full_a_queued_transaction_is_evicted_before_an_executable_one()
    {
        var fixture = new PoolFixture(o => o with { Capacity = 3, PerSenderCapacity = 3 });
        var executable = fixture.Admit(1, 0);
        var queued = fixture.Admit(2, 5); // nonces 0…4 missing: it cannot go into a block yet
        Assert.True(fixture.Admit(3, 0).IsAccepted);

        var newcomer = fixture.Admit(4, 0);

        Assert.True(newcomer.IsAccepted, newcomer.Message);
        var status = fixture.Pool.GetStatus(queued.Hash);
        Assert.Equal(PoolTransactionState.Dropped, status.State);
        Assert.Equal(PoolDropReason.Evicted, status.Reason);
        Assert.NotNull(fixture.Pool.Find(executable.Hash));
        Assert.Equal(3, fixture.Pool.Count);
    }

    [Fact]
    public void When_full_the_sender_holding_the_most_loses_its_highest_nonce()
    {
        var fixture = new PoolFixture(o => o with { Capacity = 4, PerSenderCapacity = 4 });
        Assert.True(fixture.Admit(1, 0).IsAccepted);
        Assert.True(fixture.Admit(1, 1).IsAccepted);
        var highest = fixture.Admit(1, 2);
        Assert.True(fixture.Admit(2, 0).IsAccepted);

        var newcomer = fixture.Admit(3, 0);

        Assert.True(newcomer.IsAccepted, newcomer.Message);
        Assert.Equal(PoolDropReason.Evicted, fixture.Pool.GetStatus(highest.Hash).Reason);
        Assert.Equal(2UL, fixture.Pool.PendingNonce(PoolFixture.Account(1)));
    }

    [Fact]
    public void The_sender_holding_the_most_cannot_push_others_out()
    {
        var fixture = new PoolFixture(o => o with { Capacity = 4, PerSenderCapacity = 4 });
        for (ulong nonce = 0; nonce < 3; nonce++)
        {
            Assert.True(fixture.Admit(1, nonce).IsAccepted);
        }

        var other = fixture.Admit(2, 0);

        var refused = fixture.Admit(1, 3);

        Assert.Equal(AdmissionError.PoolFull, refused.Error);
        Assert.StartsWith("pool is full: it holds 4 of 4 transactions", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(fixture.Pool.Find(other.Hash));
        Assert.Equal(4, fixture.Pool.Count);
    }

    [Fact]
    public void A_queued_newcomer_cannot_evict_executable_transactions()
    {
        var fixture = new PoolFixture(o => o with { Capacity = 2, PerSenderCapacity = 2 });
        Assert.True(fixture.Admit(1, 0).IsAccepted);
        Assert.True(fixture.Admit(2, 0).IsAccepted);

        var refused = fixture.Admit(3, 7);

        Assert.Equal(AdmissionError.PoolFull, refused.Error);
        Assert.Equal(2, fixture.Pool.Count);
    }

    [Fact]
    public void A_flood_of_senders_converges_to_equal_shares_instead_of_refusing_honest_ones()
    {
        var fixture = new PoolFixture(o => o with { Capacity = 40, PerSenderCapacity = 40 });
        for (ulong nonce = 0; nonce < 40; nonce++)
        {
            Assert.True(fixture.Admit(1, nonce).IsAccepted); // one busy sender fills the pool
        }

        for (var key = 2; key < 6; key++)
        {
            Assert.True(fixture.Admit(key, 0).IsAccepted, $"honest sender {key} was refused");
        }

        Assert.Equal(40, fixture.Pool.Count);
        Assert.Equal(36UL, fixture.Pool.PendingNonce(PoolFixture.Account(1)));
    }

    /// <summary>A transfer carrying 2,000 bytes of calldata (about 4,900 accounted bytes).</summary>
    private static Core.Transactions.UnsignedTransaction Big(ulong nonce) => PoolFixture.Transfer(nonce) with { Data = new byte[2_000] };
}
