using System.Text.Json;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>eth_getLogs filters: addresses (one or many), topics (null, OR lists, []), blockHash, and range errors.</summary>
public sealed class LogTests(RpcServerFixture fixture) : IClassFixture<RpcServerFixture>
{
    private static readonly string Token = TestChain.Token.ToString();
    private static readonly string Echo = TestChain.Echo.ToString();
    private static readonly string Transfer = TestChain.TransferTopic.ToString();
    private static readonly string Approval = TestChain.ApprovalTopic.ToString();

    private RpcServer Server => fixture.Server;

    [Fact]
    public async Task Default_range_is_the_head_block()
    {
        var logs = await GetLogsAsync(new { });
        var log = Assert.Single(logs);
        Assert.Equal(Echo, log.GetProperty("address").GetString());
        Assert.Equal("0x2", log.GetProperty("blockNumber").GetString());
        Assert.Equal("0x0", log.GetProperty("logIndex").GetString());
        Assert.Equal("0x1", log.GetProperty("transactionIndex").GetString());
        Assert.Equal("0xcafe", log.GetProperty("data").GetString());
    }

    [Fact]
    public async Task Single_address_and_address_array_filter_by_emitter()
    {
        Assert.Equal(3, (await GetLogsAsync(new { fromBlock = "earliest", toBlock = "latest", address = Token })).Count);
        Assert.Equal(4, (await GetLogsAsync(new { fromBlock = "0x0", address = new[] { Token, Echo } })).Count);
        Assert.Empty(await GetLogsAsync(new { fromBlock = "0x0", address = new[] { "0x" + new string('9', 40) } }));
    }

    [Fact]
    public async Task Topic_position_matches_exactly()
    {
        var logs = await GetLogsAsync(new { fromBlock = "0x1", toBlock = "0x2", topics = new object[] { Transfer } });
        Assert.Equal(new[] { "0x0", "0x2" }, logs.Select(l => l.GetProperty("logIndex").GetString()!));
        Assert.All(logs, l => Assert.Equal(Transfer, l.GetProperty("topics")[0].GetString()));
    }

    [Fact]
    public async Task Or_list_in_a_position_matches_any_of_its_topics()
    {
        var logs = await GetLogsAsync(new { fromBlock = "0x1", toBlock = "0x2", topics = new object[] { new[] { Transfer, Approval } } });
        Assert.Equal(3, logs.Count);
    }

    [Fact]
    public async Task Null_and_empty_positions_are_wildcards()
    {
        var sender = "0x" + new string('0', 24) + TestChain.SenderB.ToString()[2..];
        var withNull = await GetLogsAsync(new { fromBlock = "0x1", topics = new object?[] { null, sender } });
        var withEmpty = await GetLogsAsync(new { fromBlock = "0x1", topics = new object?[] { Array.Empty<string>(), sender } });
        Assert.Equal("0x2", Assert.Single(withNull).GetProperty("logIndex").GetString());
        Assert.Equal(withNull[0].GetRawText(), Assert.Single(withEmpty).GetRawText());
    }

    [Fact]
    public async Task Block_hash_selects_one_block()
    {
        var hash = fixture.Chain.Blocks[1].Header.Hash.ToString();
        var logs = await GetLogsAsync(new { blockHash = hash, topics = new object[] { new[] { Approval } } });
        var log = Assert.Single(logs);
        Assert.Equal(hash, log.GetProperty("blockHash").GetString());
        Assert.Equal(fixture.Chain.Tx(1, 1).Hash.ToString(), log.GetProperty("transactionHash").GetString());
        await Server.AssertErrorAsync(-32000, "unknown block", "eth_getLogs", new { blockHash = "0x" + new string('4', 64) });
    }

    [Fact]
    public async Task Invalid_ranges_are_refused_with_geths_messages()
    {
        var hash = fixture.Chain.Blocks[1].Header.Hash.ToString();
        await Server.AssertErrorAsync(-32602, "invalid argument 0: cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other", "eth_getLogs", new { blockHash = hash, fromBlock = "0x1" });
        await Server.AssertErrorAsync(-32602, "invalid block range params", "eth_getLogs", new { fromBlock = "0x2", toBlock = "0x1" });
        await Server.AssertErrorAsync(-32602, "block range extends beyond current head block", "eth_getLogs", new { fromBlock = "0x1", toBlock = "0x32" });
    }

    [Fact]
    public async Task Malformed_filters_name_the_field()
    {
        await Server.AssertErrorAsync(-32602, "invalid argument 0: field \"address[1]\": hex string has length 2, want 40 for an address", "eth_getLogs", new { address = new[] { Token, "0x12" } });
        await Server.AssertErrorAsync(-32602, "invalid argument 0: field \"topics[0]\": hex string has length 4, want 64 for a 32-byte hash", "eth_getLogs", new { topics = new[] { "0xabcd" } });
        await Server.AssertErrorAsync(-32602, "invalid argument 0: field \"topics\": at most 4 topic positions, got 5", "eth_getLogs", new { topics = new object?[] { null, null, null, null, null } });
        await Server.AssertErrorAsync(-32602, "invalid argument 0: field \"fromBlock\": hex number with leading zero digits", "eth_getLogs", new { fromBlock = "0x01" });
        await Server.AssertErrorAsync(-32602, "invalid argument 0: expected a filter object, got an array", "eth_getLogs", Array.Empty<int>());
    }

    private async Task<List<JsonElement>> GetLogsAsync(object filter) =>
        (await Server.ResultAsync("eth_getLogs", filter)).EnumerateArray().ToList();
}
