using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>txpool_status, txpool_content and eth_pendingTransactions: executable vs queued behind a nonce gap.</summary>
public sealed class TxPoolTests
{
    [Fact]
    public async Task Pool_splits_executable_and_gapped_transactions()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend);

        // Sender A has nonces 0-2 committed and 3 pending; nonce 5 leaves a gap at 4.
        var gapped = TestChain.Sign(new UnsignedTransaction { Type = TxType.DynamicFee, ChainId = TestChain.ChainId, Nonce = 5, GasLimit = 60_000, To = TestChain.Token, Data = [0x02] }, TestChain.KeyA);
        Assert.True(backend.Submit(gapped.Raw).Accepted);

        var status = await server.ResultAsync("txpool_status");
        Assert.Equal("0x1", status.GetProperty("pending").GetString());
        Assert.Equal("0x1", status.GetProperty("queued").GetString());

        var content = await server.ResultAsync("txpool_content");
        var sender = TestChain.SenderA.ToChecksumString();
        Assert.Equal(backend.Chain.Pending.Hash.ToString(), content.GetProperty("pending").GetProperty(sender).GetProperty("3").GetProperty("hash").GetString());
        Assert.Equal(gapped.Hash.ToString(), content.GetProperty("queued").GetProperty(sender).GetProperty("5").GetProperty("hash").GetString());

        var all = await server.ResultAsync("eth_pendingTransactions");
        Assert.Equal(2, all.GetArrayLength());
    }

    [Fact]
    public async Task Empty_pool_reports_zero()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        backend.CommitBlock([backend.Chain.Pending]);
        await using var server = await RpcServer.StartAsync(backend);
        var status = await server.ResultAsync("txpool_status");
        Assert.Equal("0x0", status.GetProperty("pending").GetString());
        Assert.Equal("0x0", status.GetProperty("queued").GetString());
        Assert.Empty((await server.ResultAsync("txpool_content")).GetProperty("pending").EnumerateObject());
        Assert.Equal(0, (await server.ResultAsync("eth_pendingTransactions")).GetArrayLength());
        _ = Address.Zero;
    }
}
