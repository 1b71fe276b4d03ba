using Ledger.Execution.Pool;

namespace Ledger.Execution.Tests.Pool;

/// <summary>
/// Admission must be linearizable with block commits: a block committing between the pool's state read and its
/// bookkeeping must neither refuse an in-order nonce nor admit a nonce the block just used.
/// </summary>
public sealed class TransactionPoolCommitRaceTests
{
    [Fact]
    public void An_in_order_nonce_is_admitted_when_a_block_commits_during_its_admission()
    {
        var fixture = new PoolFixture(o => o with { FutureWindow = 100, PerSenderCapacity = 100 });
        for (ulong nonce = 0; nonce < 100; nonce++)
        {
            Assert.True(fixture.Admit(1, nonce).IsAccepted);
        }

        // The next nonce (100) reads the committed nonce (0: 100 ahead, too far), then a block of 80 commits
        // before the pool's lock: the admission must judge by the block just committed (20 ahead).
        var block = fixture.Pool.TakeReady(80, fixture.StateNonce);
        fixture.AfterNextStateRead = () => fixture.Commit(block);

        var result = fixture.Admit(1, 100);

        Assert.True(result.IsAccepted, result.Message);
    }

    [Fact]
    public void A_nonce_committed_during_admission_is_refused_as_too_low()
    {
        var fixture = new PoolFixture();
        Assert.True(fixture.Admit(1, 0, marker: 1).IsAccepted);
        var block = fixture.Pool.TakeReady(1, fixture.StateNonce);
        fixture.AfterNextStateRead = () => fixture.Commit(block);

        var resigned = fixture.Admit(1, 0, marker: 2);

        Assert.Equal(AdmissionError.NonceTooLow, resigned.Error);
        Assert.Equal(0, fixture.Pool.Count);
    }

    [Fact]
    public void Pending_nonce_never_returns_a_nonce_a_committed_block_used()
    {
        var fixture = new PoolFixture();
        for (ulong nonce = 0; nonce < 10; nonce++)
        {
            Assert.True(fixture.Admit(1, nonce).IsAccepted);
        }

        var block = fixture.Pool.TakeReady(5, fixture.StateNonce);
        fixture.AfterNextStateRead = () => fixture.Commit(block);

        Assert.Equal(10UL, fixture.Pool.PendingNonce(PoolFixture.Account(1)));
    }
}
