using System.Net.WebSockets;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>WebSocket transport on the HTTP port: requests, eth_subscribe kinds, unsubscribe, limits and slow clients.</summary>
public sealed class SubscriptionTests
{
    [Fact]
    public async Task Websocket_on_the_same_port_answers_ordinary_requests()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()));
        await using var client = await server.ConnectAsync();
        Assert.Equal("0x2", (await client.ResultAsync("eth_blockNumber")).GetString());
        Assert.Equal("0x1092", (await client.ResultAsync("eth_chainId")).GetString());
    }

    [Fact]
    public async Task New_heads_notifies_each_committed_block_header()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend);
        await using var client = await server.ConnectAsync();
        var id = await client.SubscribeAsync("newHeads");
        Assert.StartsWith("0x", id, StringComparison.Ordinal);

        var block = backend.CommitBlock([FilterTests.NextTx(1)]);
        var head = await client.NotificationAsync(id);
        Assert.Equal(block.Header.Hash.ToString(), head.GetProperty("hash").GetString());
        Assert.Equal("0x3", head.GetProperty("number").GetString());
        Assert.Equal(block.Header.ParentHash.ToString(), head.GetProperty("parentHash").GetString());
        Assert.False(head.TryGetProperty("transactions", out _));
    }

    [Fact]
    public async Task Logs_subscription_sends_only_matching_logs()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend);
        await using var client = await server.ConnectAsync();
        var id = await client.SubscribeAsync("logs", new { address = TestChain.Echo.ToString() });

        backend.CommitBlock([FilterTests.NextTx(1)], backend.Chain.TransferLog);
        var block = backend.CommitBlock([FilterTests.NextTx(2)], backend.Chain.EchoLog);
        var log = await client.NotificationAsync(id);
        Assert.Equal(TestChain.Echo.ToString(), log.GetProperty("address").GetString());
        Assert.Equal(block.Header.Hash.ToString(), log.GetProperty("blockHash").GetString());
        Assert.False(log.GetProperty("removed").GetBoolean());

        // The Transfer log of the block before was not sent: the next message is the next request's answer.
        Assert.Equal("0x4", (await client.ResultAsync("eth_blockNumber")).GetString());
    }

    [Fact]
    public async Task Pending_transactions_subscription_sends_hashes_or_full_objects()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend);
        await using var hashes = await server.ConnectAsync();
        await using var full = await server.ConnectAsync();
        var hashId = await hashes.SubscribeAsync("newPendingTransactions");
        var fullId = await full.SubscribeAsync("newPendingTransactions", true);

        var tx = FilterTests.NextTx(1);
        backend.Submit(tx.Raw);
        Assert.Equal(tx.Hash.ToString(), (await hashes.NotificationAsync(hashId)).GetString());
        var obj = await full.NotificationAsync(fullId);
        Assert.Equal(tx.Hash.ToString(), obj.GetProperty("hash").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, obj.GetProperty("blockHash").ValueKind);
    }

    [Fact]
    public async Task Unsubscribe_stops_notifications_and_is_false_the_second_time()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend);
        await using var client = await server.ConnectAsync();
        var id = await client.SubscribeAsync("newHeads");
        Assert.True((await client.ResultAsync("eth_unsubscribe", id)).GetBoolean());
        Assert.False((await client.ResultAsync("eth_unsubscribe", id)).GetBoolean());

        backend.CommitBlock([FilterTests.NextTx(1)]);
        Assert.Equal("0x3", (await client.ResultAsync("eth_blockNumber")).GetString());
    }

    [Fact]
    public async Task A_connection_cannot_unsubscribe_another_connections_subscription()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()));
        await using var owner = await server.ConnectAsync();
        await using var other = await server.ConnectAsync();
        var id = await owner.SubscribeAsync("newHeads");
        Assert.False((await other.ResultAsync("eth_unsubscribe", id)).GetBoolean());
        Assert.True((await owner.ResultAsync("eth_unsubscribe", id)).GetBoolean());
    }

    [Fact]
    public async Task Subscribe_over_http_is_not_supported()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()));
        await server.AssertErrorAsync(JsonRpcErrorCode.MethodNotFound, "notifications not supported", "eth_subscribe", "newHeads");
        await server.AssertErrorAsync(JsonRpcErrorCode.MethodNotFound, "notifications not supported", "eth_unsubscribe", "0x1");
    }

    [Fact]
    public async Task Bad_subscription_arguments_are_invalid_params()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()));
        await using var client = await server.ConnectAsync();
        var unknown = await client.ErrorAsync("eth_subscribe", "syncing");
        Assert.Equal(JsonRpcErrorCode.InvalidParams, unknown.GetProperty("code").GetInt32());
        Assert.Contains("unsupported subscription type", unknown.GetProperty("message").GetString(), StringComparison.Ordinal);
        var ranged = await client.ErrorAsync("eth_subscribe", "logs", new { fromBlock = "0x0" });
        Assert.Equal(JsonRpcErrorCode.InvalidParams, ranged.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Subscriptions_per_connection_are_limited()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()), new JsonRpcOptions { MaxSubscriptionsPerConnection = 1 });
        await using var client = await server.ConnectAsync();
        await client.SubscribeAsync("newHeads");
        var error = await client.ErrorAsync("eth_subscribe", "newHeads");
        Assert.Equal(JsonRpcErrorCode.LimitExceeded, error.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Oversized_message_closes_the_connection_with_message_too_big()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()), new JsonRpcOptions { MaxRequestBodyBytes = 1024 });
        await using var client = await server.ConnectAsync();
        await client.SendRawAsync(RpcServer.Request("web3_sha3", ["0x" + new string('a', 4096)], 1));
        var closed = await Assert.ThrowsAsync<WebSocketException>(client.ReceiveAsync);
        Assert.Contains("MessageTooBig", closed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subscriber_that_missed_a_block_is_closed_with_try_again_later_and_the_block_to_catch_up_from()
    {
        // No block fits a backlog of 100 bytes, so the first one is refused and its subscriber told.
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend, new JsonRpcOptions { MaxNotificationBacklogBytes = 100 });
        await using var client = await server.ConnectAsync();
        var id = await client.SubscribeAsync("newHeads");

        backend.CommitBlock([FilterTests.NextTx(1)]);

        var closed = await Assert.ThrowsAsync<WebSocketException>(() => client.NotificationAsync(id));
        Assert.Contains("1013 notifications fell behind from block 3; resubscribe, catch up with eth_getLogs", closed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_clients_each_get_every_head()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend);
        var clients = new List<(WsClient Client, string Id)>();
        try
        {
            for (var i = 0; i < 50; i++)
            {
                var client = await server.ConnectAsync();
                clients.Add((client, await client.SubscribeAsync("newHeads")));
            }

            var block = backend.CommitBlock([FilterTests.NextTx(1)]);
            foreach (var (client, id) in clients)
            {
                Assert.Equal(block.Header.Hash.ToString(), (await client.NotificationAsync(id)).GetProperty("hash").GetString());
            }
        }
        finally
        {
            foreach (var (client, _) in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_client_that_does_not_read_is_dropped_while_others_keep_up()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend, new JsonRpcOptions { WebSocketSendQueueLength = 8 });
        await using var slow = await server.ConnectAsync();
        await using var fast = await server.ConnectAsync();
        await slow.SubscribeAsync("newHeads");
        var fastId = await fast.SubscribeAsync("newHeads");

        // Far more than socket buffers hold (each header is ~1.3 KB), so the slow client's queue must overflow;
        // the reading client gets every one of them, paced by its own reads.
        var head = backend.Chain.Blocks[^1];
        var receipts = backend.Chain.Receipts[head.Header.Hash];
        const int Published = 20_000;
        for (var i = 0; i < Published; i++)
        {
            backend.Events.PublishBlock(head, receipts);
            await fast.NotificationAsync(fastId);
        }

        var received = 0;
        var dropped = false;
        try
        {
            while (received < Published)
            {
                await slow.ReceiveAsync();
                received++;
            }
        }
        catch (WebSocketException)
        {
            dropped = true;
        }

        Assert.True(dropped, $"the slow client received all {received} notifications");
        Assert.True(received < Published);
    }
}
