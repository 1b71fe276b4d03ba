using Ledger.Core.Chain;
using Ledger.Node.Tests.Support;

namespace Ledger.Node.Tests.Production;

/// <summary>
/// The single validator fills blocks up to genesis <c>maxBlockBytes</c> and leaves the rest for the next block (the
/// consortium proposer uses the same pool budget): a backlog never turns into one block too large to handle.
/// </summary>
public sealed class BlockByteLimitTests
{
    [Fact]
    public async Task A_block_stops_at_the_byte_limit_and_the_rest_waits_for_the_next_block()
    {
        var transfers = Enumerable.Range(1, 3).Select(from => NodeFixture.SignTransfer(from, 0, 6, 1)).ToList();
        var twoFit = BlockLimits.HeaderBytes + BlockLimits.TransactionBytes(transfers[0]) + BlockLimits.TransactionBytes(transfers[1]);
        var genesis = NodeFixture.Genesis with { Consensus = NodeFixture.Genesis.Consensus with { MaxBlockBytes = (int)twoFit + 10 } };
        await using var fixture = new NodeFixture(genesis: genesis);
        foreach (var transfer in transfers)
        {
            Assert.True(fixture.Node.Backend.Submit(transfer.Raw).Accepted);
        }

        var first = fixture.Node.Producer.ProduceBlock()!;
        var second = fixture.Node.Producer.ProduceBlock()!;

        Assert.Equal(transfers.Take(2).Select(t => t.Hash), first.Transactions.Select(t => t.Hash));
        Assert.True(BlockLimits.SizeOf(first) <= genesis.Consensus.MaxBlockBytes);
        Assert.Equal([transfers[2].Hash], second.Transactions.Select(t => t.Hash));
    }
}
