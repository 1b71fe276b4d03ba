using Ledger.Core.Primitives;

namespace Ledger.Execution.Tests.Pool;

/// <summary>What RPC reads from the pool: the admission event (local and gossiped alike) and the listing.</summary>
public sealed class TransactionPoolListingTests
{
    private readonly PoolFixture _fixture = new();

    [Fact]
    public void Every_admission_is_announced_once_and_refusals_are_not()
    {
        var announced = new List<Hash32>();
        _fixture.Pool.Admitted += tx => announced.Add(tx.Hash);

        var first = _fixture.Admit(1, 0);
        var duplicate = _fixture.Pool.Admit(PoolFixture.Sign(1, 0));
        var second = _fixture.Admit(2, 0);

        Assert.False(duplicate.IsAccepted);
        Assert.Equal([first.Hash, second.Hash], announced);
    }

    [Fact]
    public void The_snapshot_lists_each_sender_in_nonce_order_and_a_replacement_instead_of_the_original()
    {
        _fixture.Admit(1, 2);
        _fixture.Admit(1, 0);
        _fixture.Admit(2, 0);
        var original = _fixture.Admit(1, 1);
        var replacement = _fixture.Pool.Admit(PoolFixture.Sign(1, PoolFixture.Transfer(1, marker: 9)));

        var listed = _fixture.Pool.Snapshot();

        Assert.True(replacement.Replaced);
        Assert.Equal(4, listed.Count);
        Assert.Equal([0UL, 1UL, 2UL], listed.Where(t => t.Sender == PoolFixture.Account(1)).Select(t => t.Nonce));
        Assert.DoesNotContain(listed, t => t.Hash == original.Hash);
        Assert.Contains(listed, t => t.Hash == replacement.Hash);
    }
}
