using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Execution.Pool;

namespace Ledger.Execution.Tests.Pool;

public sealed class TransactionPoolSelectionTests
{
    private readonly PoolFixture _fixture = new();

    private static (Address Sender, ulong Nonce)[] Describe(IReadOnlyList<SignedTransaction> txs) =>
        txs.Select(t => (t.Sender, t.Nonce)).ToArray();

    [Fact]
    public void Out_of_order_nonces_come_out_in_nonce_order()
    {
        _fixture.Admit(1, 2);
        _fixture.Admit(1, 0);
        _fixture.Admit(1, 1);

        var ready = _fixture.Pool.TakeReady(10, _fixture.StateNonce);

        Assert.Equal([0UL, 1UL, 2UL], ready.Select(t => t.Nonce));
    }

    [Fact]
    public void Senders_are_served_round_robin_in_arrival_order()
    {
        var a = PoolFixture.Account(1);
        var b = PoolFixture.Account(2);
        _fixture.Admit(1, 0);
        _fixture.Admit(2, 0);
        _fixture.Admit(1, 1);
        _fixture.Admit(1, 2);
        _fixture.Admit(2, 1);

        var ready = _fixture.Pool.TakeReady(10, _fixture.StateNonce);

        Assert.Equal([(a, 0UL), (b, 0UL), (a, 1UL), (b, 1UL), (a, 2UL)], Describe(ready));
    }

    [Fact]
    public void A_sender_with_a_nonce_gap_does_not_stall_other_senders()
    {
        var b = PoolFixture.Account(2);
        _fixture.Admit(1, 1); // nonce 0 missing
        _fixture.Admit(2, 0);
        _fixture.Admit(2, 1);

        var ready = _fixture.Pool.TakeReady(10, _fixture.StateNonce);

        Assert.Equal([(b, 0UL), (b, 1UL)], Describe(ready));
        Assert.Equal(3, _fixture.Pool.Count);
    }

    [Fact]
    public void Only_the_run_before_a_gap_is_ready_and_filling_the_gap_releases_the_rest()
    {
        _fixture.Admit(1, 0);
        _fixture.Admit(1, 2);
        _fixture.Admit(1, 3);
        Assert.Equal([0UL], _fixture.Pool.TakeReady(10, _fixture.StateNonce).Select(t => t.Nonce));
        Assert.Equal(1UL, _fixture.Pool.PendingNonce(PoolFixture.Account(1)));

        _fixture.Admit(1, 1);

        Assert.Equal([0UL, 1UL, 2UL, 3UL], _fixture.Pool.TakeReady(10, _fixture.StateNonce).Select(t => t.Nonce));
        Assert.Equal(4UL, _fixture.Pool.PendingNonce(PoolFixture.Account(1)));
    }

    [Fact]
    public void Taking_is_bounded_by_count_and_does_not_remove()
    {
        for (ulong n = 0; n < 5; n++)
        {
            _fixture.Admit(1, n);
        }

        var ready = _fixture.Pool.TakeReady(3, _fixture.StateNonce);

        Assert.Equal([0UL, 1UL, 2UL], ready.Select(t => t.Nonce));
        Assert.Equal(5, _fixture.Pool.Count);
        Assert.Empty(_fixture.Pool.TakeReady(0, _fixture.StateNonce));
    }

    [Fact]
    public void Taking_is_bounded_by_the_gas_budget_without_breaking_a_senders_nonce_order()
    {
        _fixture.Admit(1, PoolFixture.Transfer(0) with { GasLimit = 50_000 });
        _fixture.Admit(1, PoolFixture.Transfer(1) with { GasLimit = 50_000 });
        _fixture.Admit(2, PoolFixture.Transfer(0) with { GasLimit = 30_000 });

        var ready = _fixture.Pool.TakeReady(10, 90_000, _fixture.StateNonce);

        Assert.Equal([(PoolFixture.Account(1), 0UL), (PoolFixture.Account(2), 0UL)], Describe(ready));
    }

    [Fact]
    public void Removing_committed_transactions_drops_them_and_those_they_made_stale()
    {
        var a0 = _fixture.Admit(1, 0).Transaction!;
        var a1 = _fixture.Admit(1, 1).Transaction!;
        _fixture.Admit(1, 2);
        _fixture.Admit(2, 0);
        // Committed elsewhere: a different transaction with nonce 1 (e.g. a replacement that won the race).
        var rival = TransactionSigner.Sign(PoolFixture.Transfer(1, marker: 7), Core.Crypto.DevKeys.PrivateKey(1), Core.Crypto.Ecdsa.Default);

        _fixture.Commit([a0, rival]);

        Assert.Null(_fixture.Pool.Find(a0.Hash));
        Assert.Null(_fixture.Pool.Find(a1.Hash));
        Assert.Equal(2, _fixture.Pool.Count);
        Assert.Equal(3UL, _fixture.Pool.PendingNonce(PoolFixture.Account(1)));
        var dropped = _fixture.Pool.GetStatus(a1.Hash);
        Assert.Equal(PoolTransactionState.Dropped, dropped.State);
        Assert.Equal(PoolDropReason.NonceUsed, dropped.Reason);
        Assert.Contains(rival.Hash.ToString(), dropped.Detail, StringComparison.Ordinal);
        Assert.Equal(PoolTransactionState.Unknown, _fixture.Pool.GetStatus(a0.Hash).State); // committed: the chain reports it
    }

    [Fact]
    public void Transactions_below_a_moved_state_nonce_are_skipped_when_taking()
    {
        _fixture.Admit(1, 0);
        _fixture.Admit(1, 1);
        _fixture.Admit(1, 2);
        _fixture.StateNonces[PoolFixture.Account(1)] = 2;

        var ready = _fixture.Pool.TakeReady(10, _fixture.StateNonce);

        Assert.Equal([2UL], ready.Select(t => t.Nonce));
    }

    [Fact]
    public void A_removed_transaction_leaves_a_gap_that_holds_back_later_nonces_only()
    {
        _fixture.Admit(1, 0);
        var middle = _fixture.Admit(1, 1).Hash;
        _fixture.Admit(1, 2);
        _fixture.Admit(2, 0);

        Assert.True(_fixture.Pool.Drop(middle, PoolDropReason.Invalid, "invalid at execution: test"));
        Assert.False(_fixture.Pool.Drop(middle, PoolDropReason.Invalid, "invalid at execution: test"));

        var ready = _fixture.Pool.TakeReady(10, _fixture.StateNonce);
        Assert.Equal([(PoolFixture.Account(1), 0UL), (PoolFixture.Account(2), 0UL)], Describe(ready));
    }

    [Fact]
    public void Pending_nonce_of_an_unknown_sender_is_its_state_nonce()
    {
        _fixture.StateNonces[PoolFixture.Account(5)] = 11;

        Assert.Equal(11UL, _fixture.Pool.PendingNonce(PoolFixture.Account(5)));
    }

    [Fact]
    public void An_emptied_sender_can_come_back_and_is_served_again()
    {
        var tx = _fixture.Admit(1, 0).Transaction!;
        _fixture.Commit([tx]);
        Assert.Equal(0, _fixture.Pool.Count);

        _fixture.Admit(1, 1);

        Assert.Equal([1UL], _fixture.Pool.TakeReady(10, _fixture.StateNonce).Select(t => t.Nonce));
    }
}
