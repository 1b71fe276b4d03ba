using Ledger.JsonRpc.Subscriptions;
using Ledger.JsonRpc.Tests.Fakes;

namespace Ledger.JsonRpc.Tests;

/// <summary>The event hub between the node and filters/subscriptions.</summary>
public sealed class LedgerEventsTests
{
    [Fact]
    public void A_failing_handler_is_reported_and_the_others_still_run()
    {
        var chain = new TestChain();
        var events = new LedgerEvents();
        var failures = new List<Exception>();
        var delivered = 0;
        events.HandlerFailed += failures.Add;
        events.BlockCommitted += (_, _) => throw new InvalidOperationException("boom");
        events.BlockCommitted += (_, _) => delivered++;
        events.TransactionPending += _ => throw new InvalidOperationException("pending boom");

        var block = chain.Blocks[1];
        events.PublishBlock(block, chain.Receipts[block.Header.Hash]);
        events.PublishPending(chain.Pending);

        Assert.Equal(1, delivered);
        Assert.Equal(new[] { "boom", "pending boom" }, failures.Select(f => f.Message));
    }
}
