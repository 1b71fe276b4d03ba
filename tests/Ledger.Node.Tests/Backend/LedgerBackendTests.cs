using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.JsonRpc;
using Ledger.Node.Tests.Support;

namespace Ledger.Node.Tests.Backend;

public sealed class LedgerBackendTests
{
    [Fact]
    public async Task A_submitted_transfer_is_pending_until_committed()
    {
        await using var fixture = new NodeFixture();
        var backend = fixture.Node.Backend;

        var result = fixture.Submit(1, 0, type: TxType.Legacy);

        Assert.True(result.Accepted, result.Error);
        Assert.NotNull(backend.FindPendingTransaction(result.Hash));
        Assert.Null(backend.FindTransaction(result.Hash));
        fixture.Node.Producer.ProduceBlock();
        Assert.Null(backend.FindPendingTransaction(result.Hash));
        Assert.NotNull(backend.FindTransaction(result.Hash));
    }

    [Fact]
    public async Task Refusals_carry_geth_style_codes_and_messages()
    {
        await using var fixture = new NodeFixture();
        var backend = fixture.Node.Backend;
        var foreign = TransactionSigner.Sign(
            new UnsignedTransaction { ChainId = 1, GasLimit = 100_000, To = NodeFixture.Token, Data = NodeFixture.TransferData(NodeFixture.Account(2), 1) },
            Core.Crypto.DevKeys.PrivateKey(1),
            Core.Crypto.Ecdsa.Default);

        var wrongChain = backend.Submit(foreign.Raw);
        var malformed = backend.Submit([0xc1, 0x80, 0x00]);

        Assert.False(wrongChain.Accepted);
        Assert.Equal(JsonRpcErrorCode.InvalidInput, wrongChain.ErrorCode);
        Assert.Equal("wrong chain id 1, this network is 4242", wrongChain.Error);
        Assert.False(malformed.Accepted);
        Assert.Equal(JsonRpcErrorCode.InvalidParams, malformed.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(malformed.Error));
    }

    [Fact]
    public async Task A_nonce_already_committed_is_refused_as_too_low()
    {
        await using var fixture = new NodeFixture();
        fixture.Submit(1, 0);
        fixture.Node.Producer.ProduceBlock();

        var again = fixture.Submit(1, 0, amount: 3);

        Assert.False(again.Accepted);
        Assert.Equal($"nonce too low: next nonce for {NodeFixture.Account(1).ToChecksumString()} is 1", again.Error);
    }

    [Fact]
    public async Task Transaction_count_includes_the_pool_only_when_pending_is_asked()
    {
        await using var fixture = new NodeFixture();
        var backend = fixture.Node.Backend;
        fixture.Submit(1, 0);
        fixture.Node.Producer.ProduceBlock();
        fixture.Submit(1, 1);
        fixture.Submit(1, 2);

        Assert.Equal(1UL, backend.GetTransactionCount(NodeFixture.Account(1), pending: false));
        Assert.Equal(3UL, backend.GetTransactionCount(NodeFixture.Account(1), pending: true));
        Assert.Equal(0UL, backend.GetTransactionCountAt(NodeFixture.Account(1), 0));
        Assert.Equal(1UL, backend.GetTransactionCountAt(NodeFixture.Account(1), 1));
        Assert.Null(backend.GetTransactionCountAt(NodeFixture.Account(1), 99));
    }

    [Fact]
    public async Task Modules_and_tokens_come_from_genesis()
    {
        await using var fixture = new NodeFixture();
        var backend = fixture.Node.Backend;

        Assert.Equal(NodeFixture.Genesis.Tokens.Select(t => t.Symbol), backend.Tokens.Select(t => t.Symbol));
        Assert.Equal(NodeFixture.Genesis.Tokens.Select(t => t.Address), backend.Tokens.Select(t => t.Address));
        foreach (var token in NodeFixture.Genesis.Tokens)
        {
            var module = Assert.Single(backend.Modules, m => m.Address == token.Address);
            Assert.Contains("transfer", module.AbiJson, StringComparison.Ordinal);
        }

        Assert.Equal(4242UL, backend.ChainId);
        Assert.Equal(NodeFixture.Genesis.Consensus.BlockGasLimit, backend.BlockGasLimit);
        Assert.StartsWith("Ledger/v", backend.ClientVersion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_simulates_a_transfer_without_changing_state()
    {
        await using var fixture = new NodeFixture();
        var backend = fixture.Node.Backend;
        var before = fixture.BalanceOf(NodeFixture.Account(6));
        var request = new CallRequest(NodeFixture.Account(1), NodeFixture.Token, NodeFixture.TransferData(NodeFixture.Account(6), 10), null, UInt256.Zero);

        var outcome = backend.Call(request, backend.HeadNumber);

        Assert.True(outcome.Success, outcome.Error ?? outcome.RevertReason);
        Assert.True(outcome.GasUsed > 21_000);
        Assert.Equal(before, fixture.BalanceOf(NodeFixture.Account(6)));
    }

    [Fact]
    public async Task A_transfer_beyond_balance_reverts_with_a_reason()
    {
        await using var fixture = new NodeFixture();
        var backend = fixture.Node.Backend;
        var tooMuch = UInt256.FromBigInteger(System.Numerics.BigInteger.Pow(10, 30));
        var request = new CallRequest(NodeFixture.Account(1), NodeFixture.Token, NodeFixture.TransferData(NodeFixture.Account(6), tooMuch), null, UInt256.Zero);

        var outcome = backend.Call(request, backend.HeadNumber);

        Assert.False(outcome.Success);
        Assert.Null(outcome.Error);
        Assert.False(string.IsNullOrWhiteSpace(outcome.RevertReason));
    }

    [Fact]
    public async Task Calls_that_cannot_run_are_errors_not_reverts()
    {
        await using var fixture = new NodeFixture();
        var backend = fixture.Node.Backend;
        var nowhere = Address.Parse("0x00000000000000000000000000000000000000aa");

        var noModule = backend.Call(new CallRequest(null, nowhere, [], null, UInt256.Zero), 0);
        var withValue = backend.Call(new CallRequest(null, NodeFixture.Token, [], null, UInt256.One), 0);
        var future = backend.Call(new CallRequest(null, NodeFixture.Token, [], null, UInt256.Zero), 5);

        Assert.Contains("no module at address", noModule.Error, StringComparison.Ordinal);
        Assert.Contains("no native coin", withValue.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist yet", future.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_of_committed_transfers_are_found_by_address_and_topic()
    {
        await using var fixture = new NodeFixture();
        var backend = fixture.Node.Backend;
        var submitted = fixture.Submit(1, 0, to: 7, amount: 42);
        var block = fixture.Node.Producer.ProduceBlock()!;
        var transferTopic = Core.Crypto.Keccak256.Hash("Transfer(address,address,uint256)"u8);

        var logs = backend.GetLogs(new LogFilter(0, backend.HeadNumber, [NodeFixture.Token], [[transferTopic]]));
        var byHash = backend.GetLogs(new LogFilter(0, 0, [], [], block.Header.Hash));

        var log = Assert.Single(logs);
        Assert.Equal(submitted.Hash, log.TransactionHash);
        Assert.Equal(1UL, log.BlockNumber);
        Assert.Equal(42UL, UInt256.FromBigEndian(log.Log.Data).ToUInt64());
        Assert.Equal(logs.Count, byHash.Count);
        Assert.Throws<JsonRpcException>(() => backend.GetLogs(new LogFilter(0, 0, [], [], Hash32.Zero)));
    }
}
