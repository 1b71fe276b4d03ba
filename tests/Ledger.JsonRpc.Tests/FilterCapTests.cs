using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>Address and topic lists of eth_getLogs, eth_newFilter and logs subscriptions are capped (-32602).</summary>
public sealed class FilterCapTests : IAsyncLifetime
{
    private static readonly JsonRpcOptions Tight = new() { MaxFilterAddresses = 3, MaxFilterTopics = 2 };
    private static readonly string[] FourAddresses = [.. Enumerable.Range(1, 4).Select(i => SubscriptionDispatchTests.NumberedAddress(i).ToString())];
    private static readonly string[] ThreeTopics = [TestChain.TransferTopic.ToString(), TestChain.ApprovalTopic.ToString(), TestChain.EchoTopic.ToString()];
    private RpcServer _server = null!;

    public async Task InitializeAsync() => _server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()), Tight);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Get_logs_with_more_addresses_than_the_cap_is_invalid_params()
    {
        await _server.AssertErrorAsync(
            JsonRpcErrorCode.InvalidParams, "invalid argument 0: field \"address\": at most 3 addresses per filter, got 4", "eth_getLogs", new { address = FourAddresses });

        // At the cap the query runs.
        var three = FourAddresses[..2].Append(TestChain.Echo.ToString()).ToArray();
        Assert.Equal(1, (await _server.ResultAsync("eth_getLogs", new { fromBlock = "0x0", address = three })).GetArrayLength());
    }

    [Fact]
    public async Task Get_logs_with_more_topics_in_a_position_than_the_cap_is_invalid_params()
    {
        await _server.AssertErrorAsync(
            JsonRpcErrorCode.InvalidParams, "field \"topics[1]\": at most 2 topics per position, got 3", "eth_getLogs", new { topics = new object?[] { null, ThreeTopics } });
        // Block 1's two Transfer logs and its Approval log.
        Assert.Equal(3, (await _server.ResultAsync("eth_getLogs", new { fromBlock = "0x0", topics = new object[] { ThreeTopics[..2] } })).GetArrayLength());
    }

    [Fact]
    public async Task New_filter_is_capped_the_same_way()
    {
        await _server.AssertErrorAsync(JsonRpcErrorCode.InvalidParams, "at most 3 addresses per filter", "eth_newFilter", new { address = FourAddresses });
        await _server.AssertErrorAsync(JsonRpcErrorCode.InvalidParams, "at most 2 topics per position", "eth_newFilter", new { topics = new object[] { ThreeTopics } });
    }

    [Fact]
    public async Task A_logs_subscription_is_capped_the_same_way()
    {
        await using var client = await _server.ConnectAsync();
        var addresses = await client.ErrorAsync("eth_subscribe", "logs", new { address = FourAddresses });
        Assert.Equal(JsonRpcErrorCode.InvalidParams, addresses.GetProperty("code").GetInt32());
        Assert.Contains("invalid argument 1: field \"address\": at most 3 addresses per filter, got 4", addresses.GetProperty("message").GetString(), StringComparison.Ordinal);
        var topics = await client.ErrorAsync("eth_subscribe", "logs", new { topics = new object[] { ThreeTopics } });
        Assert.Contains("at most 2 topics per position, got 3", topics.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("0x", await client.SubscribeAsync("logs", new { address = FourAddresses[..3] }), StringComparison.Ordinal);
    }
}
