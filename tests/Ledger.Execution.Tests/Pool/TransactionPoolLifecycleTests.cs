using Ledger.Core.Primitives;
using Ledger.Execution.Pool;
using Ledger.Execution.State;

namespace Ledger.Execution.Tests.Pool;

/// <summary>What happens to an admitted transaction that does not commit: expiry, replacement, drops and status.</summary>
public sealed class TransactionPoolLifecycleTests
{
    [Fact]
    public void Queued_transactions_expire_after_their_lifetime_and_executable_ones_do_not()
    {
        var fixture = new PoolFixture(o => o with { QueuedLifetime = TimeSpan.FromMinutes(10) });
        var executable = fixture.Admit(1, 0);
        var queued = fixture.Admit(1, 2);
        fixture.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(0, fixture.Pool.DropExpired());

        fixture.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(1, fixture.Pool.DropExpired());
        var status = fixture.Pool.GetStatus(queued.Hash);
        Assert.Equal(PoolTransactionState.Dropped, status.State);
        Assert.Equal(PoolDropReason.Expired, status.Reason);
        Assert.Equal("expired: queued for more than 10 minutes waiting for nonce 1", status.Detail);
        Assert.Equal(PoolTransactionState.Pending, fixture.Pool.GetStatus(executable.Hash).State);
        Assert.Equal(1, fixture.Pool.DroppedCount(PoolDropReason.Expired));
    }

    [Fact]
    public void Replacements_are_rate_limited_per_sender_and_the_allowance_refills()
    {
        var fixture = new PoolFixture(o => o with { ReplacementsPerMinute = 2 });
        Assert.True(fixture.Admit(1, 0, marker: 1).IsAccepted);
        Assert.True(fixture.Admit(2, 0, marker: 1).IsAccepted);
        Assert.True(fixture.Admit(1, 0, marker: 2).Replaced);
        Assert.True(fixture.Admit(1, 0, marker: 3).Replaced);

        var limited = fixture.Admit(1, 0, marker: 4);

        Assert.Equal(AdmissionError.ReplacementRateLimited, limited.Error);
        Assert.Contains("at most 2 transactions per minute", limited.Message, StringComparison.Ordinal);
        Assert.True(fixture.Admit(2, 0, marker: 2).Replaced); // another sender has its own allowance
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(fixture.Admit(1, 0, marker: 5).Replaced);
    }

    [Fact]
    public void A_replaced_transaction_reports_what_replaced_it()
    {
        var fixture = new PoolFixture();
        var original = fixture.Admit(1, 0, marker: 1);

        var replacement = fixture.Admit(1, 0, marker: 2);

        var status = fixture.Pool.GetStatus(original.Hash);
        Assert.Equal(PoolDropReason.Replaced, status.Reason);
        Assert.Equal(replacement.Hash, status.ReplacedBy);
        Assert.Equal(PoolTransactionState.Pending, fixture.Pool.GetStatus(replacement.Hash).State);
    }

    [Fact]
    public void Status_tells_pending_from_queued_and_names_the_missing_nonce()
    {
        var fixture = new PoolFixture();
        var first = fixture.Admit(1, 0);
        fixture.Admit(1, 1);
        var gapped = fixture.Admit(1, 3);

        Assert.Equal(PoolTransactionState.Pending, fixture.Pool.GetStatus(first.Hash).State);
        Assert.Equal(new PoolTransactionStatus(PoolTransactionState.Queued, WaitingForNonce: 2), fixture.Pool.GetStatus(gapped.Hash));
        Assert.Equal(PoolTransactionState.Unknown, fixture.Pool.GetStatus(Hash32.Zero).State);
        Assert.Equal(1, fixture.Pool.QueuedCount);
    }

    [Fact]
    public void A_transaction_dropped_as_invalid_keeps_its_reason()
    {
        var fixture = new PoolFixture();
        var tx = fixture.Admit(1, 0);

        Assert.True(fixture.Pool.Drop(tx.Hash, PoolDropReason.Invalid, "invalid at execution: sender frozen"));

        var status = fixture.Pool.GetStatus(tx.Hash);
        Assert.Equal(PoolDropReason.Invalid, status.Reason);
        Assert.Equal("invalid at execution: sender frozen", status.Detail);
        Assert.Equal(0, fixture.Pool.Count);
    }

    [Fact]
    public void The_dropped_history_forgets_the_oldest_first()
    {
        var fixture = new PoolFixture(o => o with { DroppedHistory = 2 });
        var hashes = Enumerable.Range(1, 3).Select(key => fixture.Admit(key, 0).Hash).ToArray();

        foreach (var hash in hashes)
        {
            fixture.Pool.Drop(hash, PoolDropReason.Invalid, "invalid at execution: test");
        }

        Assert.Equal(PoolTransactionState.Unknown, fixture.Pool.GetStatus(hashes[0]).State);
        Assert.Equal(PoolTransactionState.Dropped, fixture.Pool.GetStatus(hashes[2]).State);
        Assert.Equal(3, fixture.Pool.DroppedCount(PoolDropReason.Invalid));
    }

    [Fact]
    public void A_sender_the_policy_refuses_is_not_admitted()
    {
        var fixture = new PoolFixture(senders: new RefuseAccount(PoolFixture.Account(1)));

        var refused = fixture.Admit(1, 0);

        Assert.Equal(AdmissionError.SenderNotPermitted, refused.Error);
        Assert.Equal("not registered", refused.Message);
        Assert.Equal(0, fixture.Pool.Count);
        Assert.True(fixture.Admit(2, 0).IsAccepted);
    }

    [Fact]
    public void Exported_transactions_restore_the_same_pool_when_admitted_again()
    {
        var fixture = new PoolFixture();
        fixture.Admit(2, 0);
        fixture.Admit(1, 1);
        fixture.Admit(1, 0);
        fixture.Admit(2, 1);

        var restored = new PoolFixture();
        foreach (var raw in fixture.Pool.ExportRaw())
        {
            Assert.True(restored.Pool.Admit(raw).IsAccepted);
        }

        Assert.Equal(fixture.Pool.Snapshot().Select(t => t.Hash), restored.Pool.Snapshot().Select(t => t.Hash));
    }

    private sealed class RefuseAccount(Address refused) : ISenderPolicy
    {
        public string? Refusal(IStateView state, Address sender) => sender == refused ? "not registered" : null;
    }
}
