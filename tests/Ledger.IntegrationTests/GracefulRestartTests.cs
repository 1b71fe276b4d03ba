using Ledger.Core.Crypto;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Chain;
using Ledger.LoadGen.Rpc;

namespace Ledger.IntegrationTests;

/// <summary>SIGTERM stops the node cleanly, and a restart on the same data folder continues the same chain.</summary>
public sealed class GracefulRestartTests
{
    private const int Sender = 4;

    [Fact]
    public async Task Node_stopped_with_SIGTERM_exits_cleanly_and_continues_the_same_chain()
    {
        using var node = LedgerProcess.StartDev();
        string[] hashesBefore;
        ulong headBefore;
        ulong nonce;
        using (var rpc = new JsonRpcClient(node.RpcUrl))
        {
            nonce = await rpc.GetTransactionCountAsync(DevKeys.Address(Sender), "pending");
            var txs = Enumerable.Range(0, 5).Select(k => DevTransactions.Transfer(Sender, nonce + (ulong)k, DevKeys.Address(1), 100)).ToList();
            foreach (var tx in txs)
            {
                await rpc.SendRawTransactionAsync(tx.Raw);
            }

            foreach (var tx in txs)
            {
                Assert.Equal(1UL, (await rpc.WaitForReceiptAsync(tx.Hash.ToString(), TimeSpan.FromSeconds(30))).GetQuantity("status"));
            }

            nonce += (ulong)txs.Count;
            headBefore = await rpc.BlockNumberAsync();
            hashesBefore = await ChainReader.BlockHashesAsync(rpc, headBefore);
        }

        Assert.Equal(0, node.Stop());
        node.Restart();

        using (var rpc = new JsonRpcClient(node.RpcUrl))
        {
            var head = await rpc.BlockNumberAsync();
            Assert.True(head >= headBefore, $"head went back from {headBefore} to {head} over a restart. Node output:\n{node.Output}");
            Assert.Equal(hashesBefore, (await ChainReader.BlockHashesAsync(rpc, headBefore)).ToArray());
            Assert.Equal(nonce, await rpc.GetTransactionCountAsync(DevKeys.Address(Sender), "latest"));

            var next = DevTransactions.Transfer(Sender, nonce, DevKeys.Address(1), 100);
            await rpc.SendRawTransactionAsync(next.Raw);
            var receipt = await rpc.WaitForReceiptAsync(next.Hash.ToString(), TimeSpan.FromSeconds(30));
            Assert.Equal(1UL, receipt.GetQuantity("status"));
            Assert.True(receipt.GetQuantity("blockNumber") > headBefore);

            var continued = await rpc.GetBlockAsync(headBefore + 1);
            Assert.NotNull(continued);
            Assert.Equal(hashesBefore[^1], continued.Value.GetText("parentHash"));
        }
    }
}
