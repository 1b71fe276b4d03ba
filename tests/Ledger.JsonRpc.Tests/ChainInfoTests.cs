using System.Text.Json;
using Ledger.JsonRpc.Modules;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>web3_, net_ and the simple eth_ methods.</summary>
public sealed class ChainInfoTests(RpcServerFixture fixture) : IClassFixture<RpcServerFixture>
{
    private static readonly string AccountA = TestChain.SenderA.ToString();
    private static readonly string AccountB = TestChain.SenderB.ToString();

    private RpcServer Server => fixture.Server;

    [Fact]
    public async Task Web3_and_net_methods_describe_the_node()
    {
        Assert.Equal("ledger/test", (await Server.ResultAsync("web3_clientVersion")).GetString());
        Assert.Equal("4242", (await Server.ResultAsync("net_version")).GetString());
        Assert.True((await Server.ResultAsync("net_listening")).GetBoolean());
        Assert.Equal("0x0", (await Server.ResultAsync("net_peerCount")).GetString());
    }

    [Fact]
    public async Task Web3_sha3_is_keccak_256()
    {
        Assert.Equal("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", (await Server.ResultAsync("web3_sha3", "0x")).GetString());
        Assert.Equal("0x47173285a8d7341e5e972fc677286384f802f8ef42a5ec5f03bbfa254cb01fad", (await Server.ResultAsync("web3_sha3", "0x68656c6c6f20776f726c64")).GetString());
        await Server.AssertErrorAsync(-32602, "invalid argument 0: hex string has odd length", "web3_sha3", "0x123");
    }

    [Fact]
    public async Task Chain_id_block_number_and_fees()
    {
        Assert.Equal("0x1092", (await Server.ResultAsync("eth_chainId")).GetString());
        Assert.Equal("0x2", (await Server.ResultAsync("eth_blockNumber")).GetString());
        Assert.Equal("0x0", (await Server.ResultAsync("eth_gasPrice")).GetString());
        Assert.Equal("0x0", (await Server.ResultAsync("eth_maxPriorityFeePerGas")).GetString());
        Assert.False((await Server.ResultAsync("eth_syncing")).GetBoolean());
        Assert.Equal(0, (await Server.ResultAsync("eth_accounts")).GetArrayLength());
    }

    [Fact]
    public async Task Balance_is_always_zero_but_arguments_are_checked()
    {
        Assert.Equal("0x0", (await Server.ResultAsync("eth_getBalance", AccountA, "latest")).GetString());
        Assert.Equal("0x0", (await Server.ResultAsync("eth_getBalance", AccountA)).GetString());
        await Server.AssertErrorAsync(-32602, "invalid argument 0: hex string has length 4, want 40 for an address", "eth_getBalance", "0x1234", "latest");
        await Server.AssertErrorAsync(-32602, "invalid argument 1: expected a block number or one of latest", "eth_getBalance", AccountA, "newest");
        await Server.AssertErrorAsync(-32000, "header not found", "eth_getBalance", AccountA, "0x63");
    }

    [Fact]
    public async Task Code_is_a_marker_for_modules_and_empty_otherwise()
    {
        var marker = "0x" + Convert.ToHexStringLower(EthRpcModule.ModuleCodeMarker);
        Assert.Equal("0xfe6c65646765722d6d6f64756c65", marker);
        Assert.Equal(marker, (await Server.ResultAsync("eth_getCode", TestChain.Token.ToString(), "latest")).GetString());
        Assert.Equal("0x", (await Server.ResultAsync("eth_getCode", AccountA, "latest")).GetString());
    }

    [Fact]
    public async Task Transaction_count_distinguishes_latest_pending_and_past_blocks()
    {
        Assert.Equal("0x3", (await Server.ResultAsync("eth_getTransactionCount", AccountA, "latest")).GetString());
        Assert.Equal("0x3", (await Server.ResultAsync("eth_getTransactionCount", AccountA, "finalized")).GetString());
        Assert.Equal("0x4", (await Server.ResultAsync("eth_getTransactionCount", AccountA, "pending")).GetString());
        Assert.Equal("0x2", (await Server.ResultAsync("eth_getTransactionCount", AccountA, "0x1")).GetString());
        Assert.Equal("0x1", (await Server.ResultAsync("eth_getTransactionCount", AccountB, new { blockHash = fixture.Chain.Blocks[2].Header.Hash.ToString() })).GetString());
        await Server.AssertErrorAsync(-32000, "state of block 0 is no longer available", "eth_getTransactionCount", AccountA, "earliest");
        await Server.AssertErrorAsync(-32000, "header not found", "eth_getTransactionCount", AccountA, "0x3");
        await Server.AssertErrorAsync(-32602, "invalid argument 1: hex number with leading zero digits", "eth_getTransactionCount", AccountA, "0x01");
    }

    [Fact]
    public async Task Fee_history_has_zero_fees_and_real_gas_ratios()
    {
        var result = await Server.ResultAsync("eth_feeHistory", "0x2", "latest", new[] { 25, 75 });
        Assert.Equal("0x1", result.GetProperty("oldestBlock").GetString());
        Assert.Equal(new[] { "0x0", "0x0", "0x0" }, result.GetProperty("baseFeePerGas").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(new[] { 0.07, 0.047 }, result.GetProperty("gasUsedRatio").EnumerateArray().Select(e => e.GetDouble()));
        var rewards = result.GetProperty("reward").EnumerateArray().ToList();
        Assert.Equal(2, rewards.Count);
        Assert.All(rewards, r => Assert.Equal(new[] { "0x0", "0x0" }, r.EnumerateArray().Select(e => e.GetString()!)));
    }

    [Fact]
    public async Task Fee_history_clamps_to_genesis_and_omits_rewards_without_percentiles()
    {
        var result = await Server.ResultAsync("eth_feeHistory", 10, "0x1");
        Assert.Equal("0x0", result.GetProperty("oldestBlock").GetString());
        Assert.Equal(3, result.GetProperty("baseFeePerGas").GetArrayLength());
        Assert.Equal(2, result.GetProperty("gasUsedRatio").GetArrayLength());
        Assert.False(result.TryGetProperty("reward", out _));
    }

    [Fact]
    public async Task Fee_history_rejects_bad_percentiles_and_future_blocks()
    {
        await Server.AssertErrorAsync(-32602, "invalid argument 2: invalid reward percentile #1", "eth_feeHistory", "0x1", "latest", new[] { 50, 10 });
        await Server.AssertErrorAsync(-32602, "invalid argument 2: invalid reward percentile #0", "eth_feeHistory", "0x1", "latest", new[] { 101 });
        await Server.AssertErrorAsync(-32000, "request beyond head block", "eth_feeHistory", "0x1", "0x9");
        await Server.AssertErrorAsync(-32602, "invalid argument 0: hex string without 0x prefix", "eth_feeHistory", "two", "latest");
    }

    [Fact]
    public async Task Results_are_plain_json_values()
    {
        var response = await Server.PostJsonAsync("""{"jsonrpc":"2.0","id":9,"method":"eth_blockNumber","params":[]}""");
        Assert.Equal(JsonValueKind.String, response.GetProperty("result").ValueKind);
        Assert.Equal("2.0", response.GetProperty("jsonrpc").GetString());
    }
}
