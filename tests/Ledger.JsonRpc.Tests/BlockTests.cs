using System.Text.Json;
using Ledger.Core.Chain;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

public sealed class BlockTests(RpcServerFixture fixture) : IClassFixture<RpcServerFixture>
{
    /// <summary>geth's block fields, in geth's order.</summary>
    private static readonly string[] BlockFields =
    [
        "baseFeePerGas", "difficulty", "extraData", "gasLimit", "gasUsed", "hash", "logsBloom", "miner", "mixHash", "nonce",
        "number", "parentHash", "receiptsRoot", "sha3Uncles", "size", "stateRoot", "timestamp", "totalDifficulty",
        "transactions", "transactionsRoot", "uncles",
    ];

    private RpcServer Server => fixture.Server;

    private TestChain Chain => fixture.Chain;

    [Fact]
    public async Task Block_by_number_has_geths_fields_and_values()
    {
        var block = Chain.Blocks[1];
        var result = await Server.ResultAsync("eth_getBlockByNumber", "0x1", false);
        Assert.Equal(BlockFields, result.EnumerateObject().Select(p => p.Name));
        Assert.Equal("0x1", result.GetProperty("number").GetString());
        Assert.Equal(block.Header.Hash.ToString(), result.GetProperty("hash").GetString());
        Assert.Equal(Chain.Blocks[0].Header.Hash.ToString(), result.GetProperty("parentHash").GetString());
        Assert.Equal("0x0000000000000000", result.GetProperty("nonce").GetString());
        Assert.Equal("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347", result.GetProperty("sha3Uncles").GetString());
        Assert.Equal("0x" + new string('0', 64), result.GetProperty("mixHash").GetString());
        Assert.Equal("0x" + Convert.ToHexStringLower(block.Header.LogsBloom), result.GetProperty("logsBloom").GetString());
        Assert.Equal(block.Header.TransactionsRoot.ToString(), result.GetProperty("transactionsRoot").GetString());
        Assert.Equal(block.Header.ReceiptsRoot.ToString(), result.GetProperty("receiptsRoot").GetString());
        Assert.Equal(block.Header.StateRoot.ToString(), result.GetProperty("stateRoot").GetString());
        Assert.Equal(TestChain.Proposer.ToString(), result.GetProperty("miner").GetString());
        Assert.Equal("0x0", result.GetProperty("difficulty").GetString());
        Assert.Equal("0x0", result.GetProperty("totalDifficulty").GetString());
        Assert.Equal("0x0", result.GetProperty("baseFeePerGas").GetString());
        Assert.Equal("0x", result.GetProperty("extraData").GetString());
        Assert.Equal("0xf4240", result.GetProperty("gasLimit").GetString());
        Assert.Equal("0x11170", result.GetProperty("gasUsed").GetString());
        Assert.Equal("0x" + (1_700_000_001_500UL / 1000).ToString("x"), result.GetProperty("timestamp").GetString());
        Assert.Equal("0x" + BlockJsonSize(block).ToString("x"), result.GetProperty("size").GetString());
        Assert.Equal(0, result.GetProperty("uncles").GetArrayLength());
        Assert.Equal(block.Transactions.Select(t => t.Hash.ToString()), result.GetProperty("transactions").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public async Task Full_block_holds_transaction_objects_with_block_fields()
    {
        var result = await Server.ResultAsync("eth_getBlockByNumber", "0x2", true);
        var txs = result.GetProperty("transactions").EnumerateArray().ToList();
        Assert.Equal(2, txs.Count);
        Assert.Equal(Chain.Tx(2, 1).Hash.ToString(), txs[1].GetProperty("hash").GetString());
        Assert.Equal("0x1", txs[1].GetProperty("transactionIndex").GetString());
        Assert.Equal(result.GetProperty("hash").GetString(), txs[1].GetProperty("blockHash").GetString());
        Assert.Equal("0x1", txs[0].GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("latest", 2)]
    [InlineData("pending", 2)]
    [InlineData("safe", 2)]
    [InlineData("finalized", 2)]
    [InlineData("earliest", 0)]
    [InlineData("0x0", 0)]
    public async Task Every_tag_but_earliest_means_the_head(string tag, int expected)
    {
        var result = await Server.ResultAsync("eth_getBlockByNumber", tag, false);
        Assert.Equal(Chain.Blocks[expected].Header.Hash.ToString(), result.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Unknown_blocks_are_null()
    {
        Assert.Equal(JsonValueKind.Null, (await Server.ResultAsync("eth_getBlockByNumber", "0x3e8", true)).ValueKind);
        Assert.Equal(JsonValueKind.Null, (await Server.ResultAsync("eth_getBlockByHash", "0x" + new string('e', 64), false)).ValueKind);
    }

    [Fact]
    public async Task Block_by_hash_matches_block_by_number()
    {
        var byNumber = await Server.ResultAsync("eth_getBlockByNumber", "0x2", true);
        var byHash = await Server.ResultAsync("eth_getBlockByHash", Chain.Blocks[2].Header.Hash.ToString(), true);
        Assert.Equal(byNumber.GetRawText(), byHash.GetRawText());
    }

    [Fact]
    public async Task Block_arguments_are_validated()
    {
        await Server.AssertErrorAsync(-32602, "invalid argument 1: expected a boolean, got a string", "eth_getBlockByNumber", "latest", "yes");
        await Server.AssertErrorAsync(-32602, "invalid argument 0: expected a block number or tag, got an object", "eth_getBlockByNumber", new { blockNumber = "0x1" }, false);
        await Server.AssertErrorAsync(-32602, "invalid argument 0: hex string has length 4, want 64 for a 32-byte hash", "eth_getBlockByHash", "0xabcd", false);
        await Server.AssertErrorAsync(-32602, "invalid argument 0: expected a block number or tag, got a number", "eth_getBlockByNumber", 1, false);
    }

    private static ulong BlockJsonSize(Block block) =>
        (ulong)BlockHeaderCodec.Encode(block.Header).Length + (ulong)block.Transactions.Sum(t => t.Raw.Length);
}
