using Ledger.Core.Chain;
using Ledger.Core.Transactions;

namespace Ledger.Execution.Tests.Pool;

/// <summary>
/// TakeReady's byte budget (a block's <c>maxBlockBytes</c>): without it a backlog of large transactions becomes one block
/// too large to send to the other validators.
/// </summary>
public sealed class TransactionPoolByteBudgetTests
{
    private readonly PoolFixture _fixture = new();

    [Fact]
    public void Taking_stops_at_the_byte_budget_and_counts_each_transaction_with_its_framing()
    {
        var first = Admit(1, 0, dataBytes: 3_000);
        var second = Admit(2, 0, dataBytes: 3_000);
        Admit(3, 0, dataBytes: 3_000);
        var budget = BlockLimits.TransactionBytes(first) + BlockLimits.TransactionBytes(second);

        var ready = _fixture.Pool.TakeReady(10, ulong.MaxValue, budget, _fixture.StateNonce);

        Assert.Equal([first.Hash, second.Hash], ready.Select(t => t.Hash));
        Assert.Equal(2, _fixture.Pool.TakeReady(10, ulong.MaxValue, budget + BlockLimits.TransactionBytes(first) - 1, _fixture.StateNonce).Count);
    }

    [Fact]
    public void A_large_transaction_that_does_not_fit_waits_while_smaller_ones_of_other_senders_still_go()
    {
        var large = Admit(1, 0, dataBytes: 3_500);
        var small = Admit(2, 0, dataBytes: 10);
        var budget = BlockLimits.TransactionBytes(small) + 100;

        var ready = _fixture.Pool.TakeReady(10, ulong.MaxValue, budget, _fixture.StateNonce);

        Assert.Equal([small.Hash], ready.Select(t => t.Hash));
        Assert.NotNull(_fixture.Pool.Find(large.Hash)); // still pooled for the next block
    }

    [Fact]
    public void A_senders_later_nonces_never_skip_one_that_did_not_fit()
    {
        var big = Admit(1, 0, dataBytes: 3_500);
        Admit(1, 1, dataBytes: 10);

        var ready = _fixture.Pool.TakeReady(10, ulong.MaxValue, BlockLimits.TransactionBytes(big) - 1, _fixture.StateNonce);

        Assert.Empty(ready);
    }

    private SignedTransaction Admit(int key, ulong nonce, int dataBytes)
    {
        var data = new byte[dataBytes];
        Array.Fill(data, (byte)(key + 1));
        var tx = PoolFixture.Transfer(nonce) with { Data = data, GasLimit = 100_000 };
        var result = _fixture.Admit(key, tx);
        Assert.True(result.IsAccepted, result.Message);
        return result.Transaction!;
    }
}
