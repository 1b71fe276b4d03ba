using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Execution.Processing;
using Ledger.Execution.State;
using Ledger.Node.Production;
using Ledger.Node.Tests.Support;

namespace Ledger.Node.Tests.Production;

public sealed class RefusedTransactionTests
{
    [Fact]
    public async Task A_transaction_refused_at_execution_is_dropped_and_the_others_are_committed()
    {
        RefusingBuilder? refusing = null;
        await using var fixture = new NodeFixture(builder: executor => refusing = new RefusingBuilder(new ExecutorBlockBuilder(executor)));
        var stale = fixture.Submit(1, 0);
        var follower = fixture.Submit(1, 1);
        var other = fixture.Submit(2, 0);
        refusing!.Refuse(stale.Hash);

        var block = fixture.Node.Producer.ProduceBlock();

        Assert.NotNull(block);
        Assert.Equal([other.Hash], block.Transactions.Select(t => t.Hash));
        Assert.Null(fixture.Node.Pool.Find(stale.Hash));
        // The sender's next nonce was refused only because of the gap: it stays, and goes once the gap is filled.
        Assert.NotNull(fixture.Node.Pool.Find(follower.Hash));
        var replacement = fixture.Submit(1, 0, amount: 7);
        Assert.True(replacement.Accepted, replacement.Error);

        var next = fixture.Node.Producer.ProduceBlock();

        Assert.NotNull(next);
        Assert.Equal([replacement.Hash, follower.Hash], next.Transactions.Select(t => t.Hash));
        Assert.Equal(0, fixture.Fatal.Count);
    }

    [Fact]
    public async Task The_loop_keeps_producing_after_refusals()
    {
        RefusingBuilder? refusing = null;
        await using var fixture = new NodeFixture(builder: executor => refusing = new RefusingBuilder(new ExecutorBlockBuilder(executor)));
        fixture.Node.Start();
        var refused = fixture.Submit(3, 0);
        refusing!.Refuse(refused.Hash);
        var good = fixture.Submit(4, 0);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (fixture.Node.Backend.FindTransaction(good.Hash) is null)
        {
            await fixture.Node.Producer.WaitForBlockAsync(fixture.Node.Chain.HeadNumber + 1, timeout.Token);
        }

        Assert.Null(fixture.Node.Backend.FindTransaction(refused.Hash));
        Assert.Null(fixture.Node.Pool.Find(refused.Hash));
    }

    /// <summary>Throws InvalidBlockException for chosen transactions, as execution does for a nonce made stale by a race.</summary>
    private sealed class RefusingBuilder(IBlockBuilder inner) : IBlockBuilder
    {
        private readonly HashSet<Hash32> _refused = [];

        public void Refuse(Hash32 hash)
        {
            lock (_refused)
            {
                _refused.Add(hash);
            }
        }

        public BlockBuildResult Build(IStateView parent, BlockContext context, IReadOnlyList<SignedTransaction> candidates, int maxTransactions)
        {
            lock (_refused)
            {
                for (var i = 0; i < candidates.Count; i++)
                {
                    if (_refused.Contains(candidates[i].Hash))
                    {
                        throw new InvalidBlockException(context.Number, i, candidates[i].Hash, "nonce 0 is not the sender's next nonce 1");
                    }
                }
            }

            return inner.Build(parent, context, candidates, maxTransactions);
        }
    }
}
