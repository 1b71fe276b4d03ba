using Ledger.Core.Primitives;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests;

/// <summary>net_peerCount, qbft_getValidatorsByBlockNumber and ledger_consensusStatus.</summary>
public sealed class ConsensusMethodTests
{
    private static readonly Address Third = Address.Parse("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");

    [Fact]
    public async Task Net_peer_count_reports_the_backends_connected_peers()
    {
        var backend = new FakeLedgerBackend(new TestChain()) { PeerCount = 3 };
        await using var server = await RpcServer.StartAsync(backend);
        Assert.Equal("0x3", (await server.ResultAsync("net_peerCount")).GetString());

        backend.PeerCount = 1;
        Assert.Equal("0x1", (await server.ResultAsync("net_peerCount")).GetString());
    }

    [Fact]
    public async Task Validators_by_block_number_are_the_set_in_proposer_order_for_every_known_block()
    {
        var backend = new FakeLedgerBackend(new TestChain()) { Validators = [TestChain.SenderB, TestChain.SenderA, Third] };
        await using var server = await RpcServer.StartAsync(backend);
        string[] expected = [TestChain.SenderB.ToString(), TestChain.SenderA.ToString(), Third.ToString()];

        foreach (var tag in new[] { "latest", "earliest", "0x1", "finalized" })
        {
            var validators = await server.ResultAsync("qbft_getValidatorsByBlockNumber", tag);
            Assert.Equal(expected, validators.EnumerateArray().Select(v => v.GetString()).ToArray());
        }
    }

    [Fact]
    public async Task Validators_beyond_the_head_or_with_bad_arguments_are_clear_errors()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend);
        await server.AssertErrorAsync(-32000, "header not found", "qbft_getValidatorsByBlockNumber", "0x99");
        await server.AssertErrorAsync(-32602, "invalid argument 0", "qbft_getValidatorsByBlockNumber", "soon");
        await server.AssertErrorAsync(-32602, "", "qbft_getValidatorsByBlockNumber");
        await server.AssertErrorAsync(-32602, "invalid argument 0", "qbft_getValidatorsByBlockNumber", new string('1', 64).Insert(0, "0x"));
    }

    [Fact]
    public async Task Consensus_status_reports_height_round_proposer_validators_peers_and_timeout()
    {
        var backend = new FakeLedgerBackend(new TestChain())
        {
            Status = new ConsensusStatus(7, 2, Third, [TestChain.SenderA, TestChain.SenderB, Third], [TestChain.SenderB], 8000),
        };
        await using var server = await RpcServer.StartAsync(backend);
        var status = await server.ResultAsync("ledger_consensusStatus");

        Assert.Equal("0x7", status.GetProperty("height").GetString());
        Assert.Equal("0x2", status.GetProperty("round").GetString());
        Assert.Equal(Third.ToString(), status.GetProperty("proposer").GetString());
        Assert.Equal(3, status.GetProperty("validators").GetArrayLength());
        Assert.Equal(new[] { TestChain.SenderB.ToString() }, status.GetProperty("peers").EnumerateArray().Select(p => p.GetString()).ToArray());
        Assert.Equal(8000, status.GetProperty("roundTimeoutMs").GetInt32());
    }

    [Fact]
    public async Task Consensus_status_without_a_report_is_a_clear_error()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        await using var server = await RpcServer.StartAsync(backend);
        await server.AssertErrorAsync(-32000, "does not report consensus status", "ledger_consensusStatus");
        await server.AssertErrorAsync(-32602, "", "ledger_consensusStatus", "extra");
    }
}
