using System.Text.Json;
using Ledger.Core.Chain;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>eth_getTransactionByHash and eth_getTransactionReceipt against geth's field lists.</summary>
public sealed class TransactionTests(RpcServerFixture fixture) : IClassFixture<RpcServerFixture>
{
    private static readonly string[] LegacyFields =
        ["blockHash", "blockNumber", "blockTimestamp", "from", "gas", "gasPrice", "hash", "input", "nonce", "to", "transactionIndex", "value", "type", "chainId", "v", "r", "s"];

    private static readonly string[] AccessListFields =
        ["blockHash", "blockNumber", "blockTimestamp", "from", "gas", "gasPrice", "hash", "input", "nonce", "to", "transactionIndex", "value", "type", "accessList", "chainId", "v", "r", "s", "yParity"];

    private static readonly string[] DynamicFeeFields =
    [
        "blockHash", "blockNumber", "blockTimestamp", "from", "gas", "gasPrice", "maxFeePerGas", "maxPriorityFeePerGas", "hash", "input", "nonce", "to",
        "transactionIndex", "value", "type", "accessList", "chainId", "v", "r", "s", "yParity",
    ];

    private static readonly string[] ReceiptFields =
    [
        "blockHash", "blockNumber", "contractAddress", "cumulativeGasUsed", "effectiveGasPrice", "from", "gasUsed", "logs", "logsBloom",
        "status", "to", "transactionHash", "transactionIndex", "type",
    ];

    private static readonly string[] LogFields =
        ["address", "topics", "data", "blockNumber", "transactionHash", "transactionIndex", "blockHash", "logIndex", "removed"];

    private RpcServer Server => fixture.Server;

    private TestChain Chain => fixture.Chain;

    [Fact]
    public async Task Legacy_transaction_has_eip155_v_and_no_y_parity()
    {
        var tx = Chain.Tx(1, 0);
        var result = await Server.ResultAsync("eth_getTransactionByHash", tx.Hash.ToString());
        Assert.Equal(LegacyFields, result.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Chain.Blocks[1].Header.Hash.ToString(), result.GetProperty("blockHash").GetString());
        Assert.Equal("0x1", result.GetProperty("blockNumber").GetString());
        Assert.Equal("0x" + (1_700_000_001_500UL / 1000).ToString("x"), result.GetProperty("blockTimestamp").GetString());
        Assert.Equal(TestChain.SenderA.ToString(), result.GetProperty("from").GetString());
        Assert.Equal("0x15f90", result.GetProperty("gas").GetString());
        Assert.Equal("0x7", result.GetProperty("gasPrice").GetString());
        Assert.Equal("0xa9059cbb", result.GetProperty("input").GetString());
        Assert.Equal("0x0", result.GetProperty("nonce").GetString());
        Assert.Equal(TestChain.Token.ToString(), result.GetProperty("to").GetString());
        Assert.Equal("0x0", result.GetProperty("transactionIndex").GetString());
        Assert.Equal("0x0", result.GetProperty("value").GetString());
        Assert.Equal("0x0", result.GetProperty("type").GetString());
        Assert.Equal("0x1092", result.GetProperty("chainId").GetString());
        Assert.Equal("0x" + tx.V.ToString("x"), result.GetProperty("v").GetString());
        Assert.True(tx.V is 8519 or 8520);
        Assert.Equal("0x" + tx.R.ToBigInteger().ToString("x").TrimStart('0'), result.GetProperty("r").GetString());
    }

    [Fact]
    public async Task Dynamic_fee_transaction_has_fee_caps_and_y_parity()
    {
        var tx = Chain.Tx(1, 1);
        var result = await Server.ResultAsync("eth_getTransactionByHash", tx.Hash.ToString());
        Assert.Equal(DynamicFeeFields, result.EnumerateObject().Select(p => p.Name));
        Assert.Equal("0x3b9aca00", result.GetProperty("maxFeePerGas").GetString());
        Assert.Equal("0x3b9aca00", result.GetProperty("gasPrice").GetString());
        Assert.Equal("0x2", result.GetProperty("maxPriorityFeePerGas").GetString());
        Assert.Equal("0x2", result.GetProperty("type").GetString());
        Assert.Equal("0x1", result.GetProperty("transactionIndex").GetString());
        Assert.Equal(result.GetProperty("v").GetString(), result.GetProperty("yParity").GetString());
        Assert.Equal(0, result.GetProperty("accessList").GetArrayLength());
    }

    [Fact]
    public async Task Access_list_transaction_lists_its_storage_keys()
    {
        var result = await Server.ResultAsync("eth_getTransactionByHash", Chain.Tx(2, 0).Hash.ToString());
        Assert.Equal(AccessListFields, result.EnumerateObject().Select(p => p.Name));
        var entry = Assert.Single(result.GetProperty("accessList").EnumerateArray());
        Assert.Equal(TestChain.Token.ToString(), entry.GetProperty("address").GetString());
        Assert.Equal(new[] { "0x" + new string('0', 64), TestChain.TransferTopic.ToString() }, entry.GetProperty("storageKeys").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public async Task Pending_transaction_has_null_block_fields_and_no_receipt()
    {
        var hash = Chain.Pending.Hash.ToString();
        var result = await Server.ResultAsync("eth_getTransactionByHash", hash);
        Assert.Equal(hash, result.GetProperty("hash").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("blockHash").ValueKind);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("blockNumber").ValueKind);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("transactionIndex").ValueKind);
        Assert.Equal("0x3", result.GetProperty("nonce").GetString());
        Assert.Equal(JsonValueKind.Null, (await Server.ResultAsync("eth_getTransactionReceipt", hash)).ValueKind);
    }

    [Fact]
    public async Task Unknown_transaction_and_receipt_are_null()
    {
        var unknown = "0x" + new string('7', 64);
        Assert.Equal(JsonValueKind.Null, (await Server.ResultAsync("eth_getTransactionByHash", unknown)).ValueKind);
        Assert.Equal(JsonValueKind.Null, (await Server.ResultAsync("eth_getTransactionReceipt", unknown)).ValueKind);
        await Server.AssertErrorAsync(-32602, "invalid argument 0: hex string has odd length", "eth_getTransactionReceipt", "0x123");
    }

    [Fact]
    public async Task Receipt_has_geths_fields_and_log_indexes_count_within_the_block()
    {
        var tx = Chain.Tx(1, 1);
        var result = await Server.ResultAsync("eth_getTransactionReceipt", tx.Hash.ToString());
        Assert.Equal(ReceiptFields, result.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Chain.Blocks[1].Header.Hash.ToString(), result.GetProperty("blockHash").GetString());
        Assert.Equal("0x1", result.GetProperty("blockNumber").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("contractAddress").ValueKind);
        Assert.Equal("0x11170", result.GetProperty("cumulativeGasUsed").GetString());
        Assert.Equal("0x9c40", result.GetProperty("gasUsed").GetString());
        Assert.Equal("0x0", result.GetProperty("effectiveGasPrice").GetString());
        Assert.Equal(TestChain.SenderA.ToString(), result.GetProperty("from").GetString());
        Assert.Equal(TestChain.Token.ToString(), result.GetProperty("to").GetString());
        Assert.Equal("0x1", result.GetProperty("status").GetString());
        Assert.Equal("0x2", result.GetProperty("type").GetString());
        Assert.Equal("0x1", result.GetProperty("transactionIndex").GetString());

        var logs = result.GetProperty("logs").EnumerateArray().ToList();
        Assert.Equal(2, logs.Count);
        Assert.Equal(LogFields, logs[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "0x1", "0x2" }, logs.Select(l => l.GetProperty("logIndex").GetString()!));
        Assert.Equal(TestChain.ApprovalTopic.ToString(), logs[0].GetProperty("topics")[0].GetString());
        Assert.Equal(tx.Hash.ToString(), logs[0].GetProperty("transactionHash").GetString());
        Assert.False(logs[0].GetProperty("removed").GetBoolean());

        var bloom = Bloom.FromLogs([Chain.ApprovalLog, Chain.SecondTransferLog]);
        Assert.Equal("0x" + Convert.ToHexStringLower(bloom), result.GetProperty("logsBloom").GetString());

        // Each receipt carries the bloom of its own logs, not the block's.
        var first = await Server.ResultAsync("eth_getTransactionReceipt", Chain.Tx(1, 0).Hash.ToString());
        Assert.Equal("0x0", first.GetProperty("logs")[0].GetProperty("logIndex").GetString());
        Assert.Equal("0x" + Convert.ToHexStringLower(Bloom.FromLogs([Chain.TransferLog])), first.GetProperty("logsBloom").GetString());
        Assert.NotEqual(first.GetProperty("logsBloom").GetString(), result.GetProperty("logsBloom").GetString());
    }

    [Fact]
    public async Task Reverted_transaction_receipt_has_status_zero_and_an_empty_bloom()
    {
        var result = await Server.ResultAsync("eth_getTransactionReceipt", Chain.Tx(2, 0).Hash.ToString());
        Assert.Equal("0x0", result.GetProperty("status").GetString());
        Assert.Equal(0, result.GetProperty("logs").GetArrayLength());
        Assert.Equal("0x" + new string('0', 512), result.GetProperty("logsBloom").GetString());
    }
}
