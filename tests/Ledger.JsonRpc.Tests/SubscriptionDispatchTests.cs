using System.Text.Json;
using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.JsonRpc.Subscriptions;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>
/// The commit path only queues: matching and sending run on the dispatcher, so a stuck dispatcher (held inside a
/// send here) never holds up a commit, and a backlog past its limit closes the subscribers that missed events.
/// </summary>
public sealed class SubscriptionDispatchTests
{
    private static readonly JsonRpcOptions Options = new();

    [Fact]
    public async Task A_commit_returns_while_the_dispatcher_is_stuck_on_a_subscriber_with_maximum_criteria()
    {
        var chain = new TestChain();
        var events = new LedgerEvents();
        var manager = new SubscriptionManager(events, Options);
        using var client = new RecordingConnection(blockFirstSend: true);
        var log = FourTopicLog();
        var criteria = MaximumCriteria(log);
        Assert.Equal(Options.MaxFilterAddresses, criteria.Addresses.Count);
        manager.Subscribe(client.Connection, SubscriptionKind.Logs, criteria, false);
        client.Connection.ActivateAll();

        // Each commit runs on its own thread and must return: a commit that matched or sent itself would be held
        // in the first send, and this bounded wait would fail instead of hanging.
        await Commit(events, chain, log).WaitAsync(RecordingConnection.Wait);
        await client.Blocked.WaitAsync(RecordingConnection.Wait);
        await Commit(events, chain, log).WaitAsync(RecordingConnection.Wait);
        await Commit(events, chain, log).WaitAsync(RecordingConnection.Wait);
        Assert.Empty(client.Sent); // the dispatcher is still stuck in block 3's send: blocks 4 and 5 were only queued

        client.Release();
        await client.WaitForAsync(3);
        var delivered = client.Sent.ToArray();
        Assert.Equal(["0x3", "0x4", "0x5"], delivered.Select(m => Result(m.Message).GetProperty("blockNumber").GetString()));
        Assert.Equal(1, manager.Count);
    }

    [Fact]
    public async Task Past_the_backlog_limit_commits_still_return_and_subscribers_that_missed_a_block_are_closed_naming_it()
    {
        var chain = new TestChain();
        var events = new LedgerEvents();
        var logger = new CapturingLogger();
        using var manager = new SubscriptionManager(events, new JsonRpcOptions { MaxNotificationBacklog = 2 }, logger);
        using var heads = new RecordingConnection(blockFirstSend: true);
        using var pending = new RecordingConnection();
        manager.Subscribe(heads.Connection, SubscriptionKind.NewHeads, null, false);
        manager.Subscribe(pending.Connection, SubscriptionKind.NewPendingTransactions, null, false);
        heads.Connection.ActivateAll();
        pending.Connection.ActivateAll();

        await Commit(events, chain).WaitAsync(RecordingConnection.Wait);   // block 3: being sent, held
        await heads.Blocked.WaitAsync(RecordingConnection.Wait);
        for (var i = 0; i < 3; i++)
        {
            await Commit(events, chain).WaitAsync(RecordingConnection.Wait); // 4 and 5 queued, 6 refused
        }

        heads.Release();
        var reason = await heads.Closed.WaitAsync(RecordingConnection.Wait);

        // It got block 3 only; everything from block 4 on was not delivered to it.
        Assert.Equal("notifications fell behind from block 4; resubscribe, catch up with eth_getLogs", reason);
        Assert.Equal("0x3", Result(Assert.Single(heads.Sent).Message).GetProperty("number").GetString());
        Assert.Equal(1, manager.Count); // the pending-transaction subscriber missed nothing and stays
        Assert.False(pending.Closed.IsCompleted);
        Assert.Contains(logger.AtOrAbove(Microsoft.Extensions.Logging.LogLevel.Warning), m => m.Contains("closing 1 connections", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_flood_of_pool_transactions_closes_only_pending_subscribers_and_blocks_still_go_out()
    {
        var chain = new TestChain();
        var events = new LedgerEvents();
        using var manager = new SubscriptionManager(events, new JsonRpcOptions { MaxNotificationBacklog = 2 });
        using var pending = new RecordingConnection(blockFirstSend: true);
        using var heads = new RecordingConnection();
        manager.Subscribe(pending.Connection, SubscriptionKind.NewPendingTransactions, null, false);
        manager.Subscribe(heads.Connection, SubscriptionKind.NewHeads, null, false);
        pending.Connection.ActivateAll();
        heads.Connection.ActivateAll();

        await Task.Run(() => events.PublishPending(FilterTests.NextTx(1))).WaitAsync(RecordingConnection.Wait);
        await pending.Blocked.WaitAsync(RecordingConnection.Wait);
        for (var nonce = 2UL; nonce <= 5; nonce++)
        {
            await Task.Run(() => events.PublishPending(FilterTests.NextTx(nonce))).WaitAsync(RecordingConnection.Wait); // 2, 3 queued; 4, 5 refused
        }

        await Commit(events, chain).WaitAsync(RecordingConnection.Wait); // the block's own share has room
        pending.Release();

        Assert.Equal("pending-transaction notifications fell behind; resubscribe", await pending.Closed.WaitAsync(RecordingConnection.Wait));
        await heads.WaitForAsync(1);
        Assert.Equal("0x3", Result(Assert.Single(heads.Sent).Message).GetProperty("number").GetString());
        Assert.False(heads.Closed.IsCompleted);
        Assert.Equal(1, manager.Count);
    }

    [Fact]
    public void Without_a_pending_subscriber_pool_transactions_are_not_queued_at_all()
    {
        var events = new LedgerEvents();
        using var manager = new SubscriptionManager(events, new JsonRpcOptions { MaxNotificationBacklog = 1 });
        using var heads = new RecordingConnection(blockFirstSend: true);
        manager.Subscribe(heads.Connection, SubscriptionKind.NewHeads, null, false);
        heads.Connection.ActivateAll();

        for (var nonce = 1UL; nonce <= 50; nonce++)
        {
            events.PublishPending(FilterTests.NextTx(nonce));
        }

        Assert.Equal(0, manager.Backlog);
        Assert.False(heads.Closed.IsCompleted);
    }

    [Fact]
    public async Task A_block_over_the_backlog_byte_limit_is_not_queued_and_its_subscribers_are_told()
    {
        var chain = new TestChain();
        var events = new LedgerEvents();
        using var manager = new SubscriptionManager(events, new JsonRpcOptions { MaxNotificationBacklogBytes = 100 });
        using var heads = new RecordingConnection();
        manager.Subscribe(heads.Connection, SubscriptionKind.NewHeads, null, false);
        heads.Connection.ActivateAll();

        await Commit(events, chain).WaitAsync(RecordingConnection.Wait);

        Assert.StartsWith("notifications fell behind from block 3;", await heads.Closed.WaitAsync(RecordingConnection.Wait), StringComparison.Ordinal);
        Assert.Empty(heads.Sent);
        Assert.Equal(0, manager.Count);
        Assert.Equal(0, manager.Backlog);
    }

    [Fact]
    public async Task Pending_transactions_are_dispatched_off_the_admission_path_too()
    {
        var events = new LedgerEvents();
        using var manager = new SubscriptionManager(events, Options);
        using var client = new RecordingConnection(blockFirstSend: true);
        manager.Subscribe(client.Connection, SubscriptionKind.NewPendingTransactions, null, false);
        client.Connection.ActivateAll();

        await Task.Run(() => events.PublishPending(FilterTests.NextTx(1))).WaitAsync(RecordingConnection.Wait);
        await client.Blocked.WaitAsync(RecordingConnection.Wait);
        await Task.Run(() => events.PublishPending(FilterTests.NextTx(2))).WaitAsync(RecordingConnection.Wait);

        client.Release();
        await client.WaitForAsync(2);
        Assert.Equal([FilterTests.NextTx(1).Hash.ToString(), FilterTests.NextTx(2).Hash.ToString()], client.Sent.Select(m => Result(m.Message).GetString()));
    }

    [Fact]
    public async Task Disposing_stops_following_the_chain()
    {
        var chain = new TestChain();
        var events = new LedgerEvents();
        var manager = new SubscriptionManager(events, Options);
        using var heads = new RecordingConnection();
        manager.Subscribe(heads.Connection, SubscriptionKind.NewHeads, null, false);
        heads.Connection.ActivateAll();

        manager.Dispose();
        await manager.Completion.WaitAsync(RecordingConnection.Wait);
        await Commit(events, chain);

        Assert.Empty(heads.Sent);
        Assert.Equal(0, manager.Backlog);
    }

    /// <summary>As many addresses and topics as a filter may hold, the log's own among them.</summary>
    internal static LogCriteria MaximumCriteria(LogEntry log)
    {
        var addresses = Enumerable.Range(1, Options.MaxFilterAddresses - 1).Select(NumberedAddress).Append(log.Address).ToArray();
        var topics = log.Topics.Select((topic, position) => (IReadOnlyList<Hash32>?)[.. Enumerable.Range(1, Options.MaxFilterTopics - 1).Select(i => Keccak256.Hash([(byte)position, (byte)i, (byte)(i >> 8)])), topic]).ToArray();
        return new LogCriteria(addresses, topics);
    }

    internal static Address NumberedAddress(int i)
    {
        var bytes = new byte[Address.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), i);
        bytes[0] = 0xee;
        return new Address(bytes);
    }

    internal static LogEntry FourTopicLog() => new(TestChain.Token, [TestChain.TransferTopic, Keccak256.Hash([1]), Keccak256.Hash([2]), Keccak256.Hash([3])], [0x01]);

    /// <summary>Appends a block to <paramref name="chain"/> and publishes it from a separate thread, as the node's commit does.</summary>
    private static Task Commit(LedgerEvents events, TestChain chain, params LogEntry[] logs)
    {
        var tx = FilterTests.NextTx((ulong)chain.Blocks.Count);
        IReadOnlyList<Receipt> receipts = [TestChain.SuccessReceipt(tx, logs)];
        var block = chain.Add([tx], receipts);
        return Task.Run(() => events.PublishBlock(block, receipts));
    }

    private static JsonElement Result(byte[] notification) =>
        JsonDocument.Parse(notification).RootElement.GetProperty("params").GetProperty("result").Clone();
}
