using System.Text.Json;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>Block-indexed lookups, block receipts, uncles (none) and the mining-era methods.</summary>
public sealed class BlockMethodTests(RpcServerFixture fixture) : IClassFixture<RpcServerFixture>
{
    private RpcServer Server => fixture.Server;

    private TestChain Chain => fixture.Chain;

    [Fact]
    public async Task Transaction_counts_by_hash_and_number()
    {
        Assert.Equal("0x2", (await Server.ResultAsync("eth_getBlockTransactionCountByHash", Chain.Blocks[1].Header.Hash.ToString())).GetString());
        Assert.Equal("0x0", (await Server.ResultAsync("eth_getBlockTransactionCountByNumber", "earliest")).GetString());
        Assert.Equal("0x2", (await Server.ResultAsync("eth_getBlockTransactionCountByNumber", "latest")).GetString());
        Assert.Equal(JsonValueKind.Null, (await Server.ResultAsync("eth_getBlockTransactionCountByNumber", "0x99")).ValueKind);
        Assert.Equal(JsonValueKind.Null, (await Server.ResultAsync("eth_getBlockTransactionCountByHash", "0x" + new string('7', 64))).ValueKind);
    }

    [Fact]
    public async Task Transaction_by_block_and_index_matches_by_hash()
    {
        var tx = Chain.Tx(2, 1);
        var byHash = await Server.ResultAsync("eth_getTransactionByBlockHashAndIndex", Chain.Blocks[2].Header.Hash.ToString(), "0x1");
        var byNumber = await Server.ResultAsync("eth_getTransactionByBlockNumberAndIndex", "0x2", "0x1");
        var direct = await Server.ResultAsync("eth_getTransactionByHash", tx.Hash.ToString());
        Assert.Equal(direct.GetRawText(), byHash.GetRawText());
        Assert.Equal(direct.GetRawText(), byNumber.GetRawText());
        Assert.Equal("0x1", byNumber.GetProperty("transactionIndex").GetString());
        Assert.Equal(JsonValueKind.Null, (await Server.ResultAsync("eth_getTransactionByBlockNumberAndIndex", "0x2", "0x2")).ValueKind);
    }

    [Fact]
    public async Task Block_receipts_equal_each_transaction_receipt_with_block_wide_log_indexes()
    {
        var receipts = await Server.ResultAsync("eth_getBlockReceipts", "0x1");
        Assert.Equal(2, receipts.GetArrayLength());
        for (var i = 0; i < 2; i++)
        {
            var single = await Server.ResultAsync("eth_getTransactionReceipt", Chain.Tx(1, i).Hash.ToString());
            Assert.Equal(single.GetRawText(), receipts[i].GetRawText());
        }

        Assert.Equal("0x2", receipts[1].GetProperty("logs")[1].GetProperty("logIndex").GetString());
        var byHash = await Server.ResultAsync("eth_getBlockReceipts", new { blockHash = Chain.Blocks[1].Header.Hash.ToString() });
        Assert.Equal(receipts.GetRawText(), byHash.GetRawText());
        Assert.Equal(JsonValueKind.Null, (await Server.ResultAsync("eth_getBlockReceipts", "0x99")).ValueKind);
    }

    [Fact]
    public async Task Headers_by_number_and_hash_are_the_block_without_transactions_uncles_and_size()
    {
        var block = await Server.ResultAsync("eth_getBlockByNumber", "0x1", false);
        var byNumber = await Server.ResultAsync("eth_getHeaderByNumber", "0x1");
        var byHash = await Server.ResultAsync("eth_getHeaderByHash", Chain.Blocks[1].Header.Hash.ToString());
        Assert.Equal(byNumber.GetRawText(), byHash.GetRawText());
        var blockFields = block.EnumerateObject().Select(p => p.Name).Except(["size", "totalDifficulty", "transactions", "uncles"]).ToList();
        Assert.Equal(blockFields, byNumber.EnumerateObject().Select(p => p.Name).ToList());
        foreach (var name in blockFields)
        {
            Assert.Equal(block.GetProperty(name).GetRawText(), byNumber.GetProperty(name).GetRawText());
        }

        Assert.Equal("0x0", (await Server.ResultAsync("eth_getHeaderByNumber", "earliest")).GetProperty("number").GetString());
        Assert.Equal(JsonValueKind.Null, (await Server.ResultAsync("eth_getHeaderByNumber", "0x99")).ValueKind);
        Assert.Equal(JsonValueKind.Null, (await Server.ResultAsync("eth_getHeaderByHash", "0x" + new string('7', 64))).ValueKind);
    }

    [Fact]
    public async Task Uncles_are_always_absent()
    {
        var hash = Chain.Blocks[1].Header.Hash.ToString();
        Assert.Equal(JsonValueKind.Null, (await Server.ResultAsync("eth_getUncleByBlockHashAndIndex", hash, "0x0")).ValueKind);
        Assert.Equal(JsonValueKind.Null, (await Server.ResultAsync("eth_getUncleByBlockNumberAndIndex", "0x1", "0x0")).ValueKind);
        Assert.Equal("0x0", (await Server.ResultAsync("eth_getUncleCountByBlockHash", hash)).GetString());
        Assert.Equal("0x0", (await Server.ResultAsync("eth_getUncleCountByBlockNumber", "latest")).GetString());
        Assert.Equal(JsonValueKind.Null, (await Server.ResultAsync("eth_getUncleCountByBlockNumber", "0x99")).ValueKind);
        await Server.AssertErrorAsync(JsonRpcErrorCode.InvalidParams, "invalid argument 1", "eth_getUncleByBlockNumberAndIndex", "0x1", "zero");
    }

    [Fact]
    public async Task Mining_era_methods_have_neutral_answers()
    {
        Assert.Equal(TestChain.Proposer.ToString(), (await Server.ResultAsync("eth_coinbase")).GetString());
        Assert.False((await Server.ResultAsync("eth_mining")).GetBoolean());
        Assert.Equal("0x0", (await Server.ResultAsync("eth_hashrate")).GetString());
        Assert.Equal("0x41", (await Server.ResultAsync("eth_protocolVersion")).GetString());
        await Server.AssertErrorAsync(JsonRpcErrorCode.InvalidParams, "takes no arguments", "eth_mining", 1);
    }

    [Fact]
    public async Task Storage_slots_are_a_documented_error_after_argument_checks()
    {
        await Server.AssertErrorAsync(JsonRpcErrorCode.InvalidInput, "not supported", "eth_getStorageAt", TestChain.Token.ToString(), "0x0", "latest");
        await Server.AssertErrorAsync(JsonRpcErrorCode.InvalidParams, "invalid argument 1", "eth_getStorageAt", TestChain.Token.ToString(), 5, "latest");
        await Server.AssertErrorAsync(JsonRpcErrorCode.InvalidParams, "invalid argument 0", "eth_getStorageAt", "0x12", "0x0");
    }
}
