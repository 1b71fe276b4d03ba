using Ledger.Execution.Tests.Support;
using Ledger.Storage.Memory;
using static Ledger.Execution.Tests.Support.TestChain;

namespace Ledger.Execution.Tests.Chain;

/// <summary>
/// A lookup by hash answers the same from a block still in memory and from one read back from disk (where only the
/// wanted transaction and receipt are decoded), with the block's earlier logs counted for log indexes.
/// </summary>
public sealed class ChainStoreLookupTests
{
    [Fact]
    public void Every_transaction_is_found_with_its_header_receipt_and_earlier_log_count_in_memory_and_on_disk()
    {
        var store = new MemoryKeyValueStore();
        var hashes = new List<Ledger.Core.Primitives.Hash32>();
        using (var chain = new TestChain(store))
        {
            // Successful increments emit one log each; a call with an unknown opcode reverts and emits none.
            var txs = new[]
            {
                chain.Tx(0, CounterA, [CounterModule.Increment]),
                chain.Tx(1, CounterB, [0xEE]),
                chain.Tx(2, CounterA, [CounterModule.Increment]),
                chain.Tx(3, CounterB, [CounterModule.Increment]),
            };
            chain.Produce(txs);
            hashes.AddRange(txs.Select(t => t.Hash));
            AssertFound(chain, hashes);
        }

        using var reopened = new TestChain(store); // nothing in memory: every lookup reads the block from disk
        AssertFound(reopened, hashes);
    }

    private static void AssertFound(TestChain chain, List<Ledger.Core.Primitives.Hash32> hashes)
    {
        var block = chain.Chain.GetBlock(1)!;
        var receipts = chain.Chain.GetReceipts(block.Header.Hash)!;
        Assert.Equal(new[] { 1, 0, 1, 1 }, receipts.Select(r => r.Logs.Count));
        for (var i = 0; i < hashes.Count; i++)
        {
            var found = chain.Chain.FindTransaction(hashes[i]) ?? throw new InvalidOperationException($"transaction {i} not found");
            Assert.Equal(block.Header, found.Header);
            Assert.Equal(i, found.Index);
            Assert.Equal(hashes[i], found.Transaction.Hash);
            Assert.Equal(block.Transactions[i].Sender, found.Transaction.Sender);
            Assert.Equal(receipts[i].CumulativeGasUsed, found.Receipt.CumulativeGasUsed);
            Assert.Equal(receipts[i].Success, found.Receipt.Success);
            Assert.Equal(receipts.Take(i).Sum(r => r.Logs.Count), found.FirstLogIndex);
        }
    }
}
