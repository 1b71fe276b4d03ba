using Ledger.Core.Crypto;
using Ledger.IntegrationTests.Infrastructure;
using Ledger.LoadGen.Rpc;

namespace Ledger.IntegrationTests;

/// <summary>
/// Real clients against a validator of the 4-bank network (four `ledger run` processes, QBFT), not the single dev
/// validator: the Nethereum flows and the ethers/web3.js suites pointed at node #2 (bank B), which is not the first
/// proposer, so transactions reach blocks through gossip and votes. The genesis has no heartbeat blocks: the
/// clients must not rely on blocks arriving while idle. A transaction sent to node #1 must show in node #2's pool
/// methods: gossiped transactions are listed like local ones.
/// </summary>
public sealed class TestnetClientTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Client flows that cover blocks, transfers, web3.js, the pool, subscriptions and proofs, and the two payment
    /// flows of the modules: the bank A → bank B FX payment against an EIP-712 quote, and a merchant QR invoice.
    /// </summary>
    private static readonly string[] JavaScriptFiles =
    [
        "test/chain.test.mjs", "test/transfer.test.mjs", "test/web3.test.mjs", "test/txpool.test.mjs",
        "test/subscriptions.test.mjs", "test/proof.test.mjs", "test/reverts.test.mjs",
        "test/settlement.test.mjs", "test/merchant.test.mjs",
    ];

    [Fact]
    public async Task Nethereum_ethers_and_web3_flows_pass_against_a_testnet_validator()
    {
        using var cluster = ConsensusCluster.Start();
        var node = cluster.Node(1);

        // Node #2 answers once it is in the mesh; a first block proves the four agree.
        await ConsensusCluster.WaitForHeightAsync(node, 0, Patience);
        await AssertGossipedTransactionIsListedAsync(cluster.Node(0), node);
        await NethereumClientTests.ReadsChainAndBalanceAsync(node.RpcUrl);
        await NethereumClientTests.SendsTransferAndFindsEventAsync(node.RpcUrl);
        await JavaScriptSuite.AssertPassesAsync(node.RpcUrl, JavaScriptFiles, () => ConsensusCluster.Tail(node.Output));
        await cluster.AssertSameChainAsync([0, 1, 2, 3]);
    }

    /// <summary>
    /// A transaction submitted to <paramref name="entry"/> reaches <paramref name="observer"/> only by gossip; its
    /// txpool_content and eth_pendingTransactions must list it. A nonce gap keeps it in the pools (queued).
    /// </summary>
    private static async Task AssertGossipedTransactionIsListedAsync(LedgerProcess entry, LedgerProcess observer)
    {
        var gapped = DevTransactions.Transfer(17, nonce: 3, DevKeys.Address(2), 1);
        using var entryRpc = new JsonRpcClient(entry.RpcUrl);
        using var observerRpc = new JsonRpcClient(observer.RpcUrl);
        await entryRpc.CallAsync("eth_sendRawTransaction", "0x" + Convert.ToHexStringLower(gapped.Raw));
        var sender = DevKeys.Address(17).ToChecksumString();
        var hash = gapped.Hash.ToString();

        using var limit = new CancellationTokenSource(Patience);
        while (true)
        {
            var content = await observerRpc.CallAsync("txpool_content");
            if (content.GetProperty("queued").TryGetProperty(sender, out var queued) && queued.TryGetProperty("3", out var tx))
            {
                Assert.Equal(hash, tx.GetProperty("hash").GetString());
                break;
            }

            Assert.False(limit.IsCancellationRequested, $"node #2 never listed the gossiped transaction {hash}: {content}");
            await Task.Delay(100);
        }

        var pending = await observerRpc.CallAsync("eth_pendingTransactions");
        Assert.Contains(pending.EnumerateArray(), t => t.GetProperty("hash").GetString() == hash);
    }
}
