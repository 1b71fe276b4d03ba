using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Node.Configuration;
using Ledger.Node.Tests.Support;

namespace Ledger.Node.Tests.Production;

public sealed class BlockProducerTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_produced_block_extends_the_head_and_carries_a_certificate_that_verifies()
    {
        await using var fixture = new NodeFixture();
        var genesisHeader = fixture.Node.Chain.Head.Header;
        Assert.True(fixture.Submit(1, 0).Accepted);
        Assert.True(fixture.Submit(2, 0).Accepted);

        var block = fixture.Node.Producer.ProduceBlock();

        Assert.NotNull(block);
        var header = block.Header;
        Assert.Equal(1UL, header.Number);
        Assert.Equal(genesisHeader.Hash, header.ParentHash);
        Assert.True(header.TimestampMs > genesisHeader.TimestampMs);
        Assert.Equal(NodeFixture.Genesis.Validators[0].Address, header.Proposer);
        Assert.Equal(0u, header.Round);
        Assert.Equal(2, block.Transactions.Count);
        Assert.Equal(header, fixture.Node.Chain.Head.Header);
        var certificate = Assert.IsType<CommitCertificate>(block.Certificate);
        Assert.True(
            CommitCertificates.Verify(certificate, header, NodeFixture.Genesis.ValidatorAddresses(), Ecdsa.Default, out var error),
            error);
        Assert.Equal(0, fixture.Node.Pool.Count);
    }

    [Fact]
    public async Task Nothing_pending_produces_no_block_unless_an_empty_one_is_asked_for()
    {
        await using var fixture = new NodeFixture();

        Assert.Null(fixture.Node.Producer.ProduceBlock());
        var empty = fixture.Node.Producer.ProduceBlock(allowEmpty: true);

        Assert.NotNull(empty);
        Assert.Empty(empty.Transactions);
        Assert.Equal(1UL, fixture.Node.Chain.HeadNumber);
    }

    [Fact]
    public async Task Committed_transfers_move_balances_and_have_successful_receipts()
    {
        await using var fixture = new NodeFixture();
        var before = fixture.BalanceOf(NodeFixture.Account(5));
        var submitted = fixture.Submit(1, 0, to: 5, amount: 250);

        var block = fixture.Node.Producer.ProduceBlock()!;

        var receipt = Assert.Single(fixture.Node.Backend.GetReceipts(block.Header.Hash)!);
        Assert.True(receipt.Success);
        Assert.Equal(submitted.Hash, receipt.TransactionHash);
        Assert.NotEmpty(receipt.Logs);
        Assert.Equal(before + 250, fixture.BalanceOf(NodeFixture.Account(5)));
        var location = fixture.Node.Backend.FindTransaction(submitted.Hash);
        Assert.NotNull(location);
        Assert.Equal(1UL, location.Header.Number);
    }

    [Fact]
    public async Task The_background_loop_commits_every_submitted_transfer_in_hash_chained_blocks()
    {
        await using var fixture = new NodeFixture(options: new NodeOptions { BlockIntervalMs = 5 });
        fixture.Node.Start();
        var hashes = new List<Hash32>();
        for (ulong nonce = 0; nonce < 10; nonce++)
        {
            for (var from = 1; from <= 3; from++)
            {
                var result = fixture.Submit(from, nonce);
                Assert.True(result.Accepted, result.Error);
                hashes.Add(result.Hash);
            }
        }

        using var timeout = new CancellationTokenSource(Guard);
        while (hashes.Exists(h => fixture.Node.Backend.FindTransaction(h) is null))
        {
            await fixture.Node.Producer.WaitForBlockAsync(fixture.Node.Chain.HeadNumber + 1, timeout.Token);
        }

        var chain = fixture.Node.Chain;
        var validators = NodeFixture.Genesis.ValidatorAddresses();
        for (ulong number = 1; number <= chain.HeadNumber; number++)
        {
            var block = chain.GetBlock(number)!;
            Assert.Equal(chain.GetBlock(number - 1)!.Header.Hash, block.Header.ParentHash);
            Assert.True(block.Header.TimestampMs > chain.GetBlock(number - 1)!.Header.TimestampMs);
            Assert.True(CommitCertificates.Verify(block.Certificate!, block.Header, validators, Ecdsa.Default, out var error), error);
        }

        Assert.Equal(10UL, fixture.Node.Backend.GetTransactionCount(NodeFixture.Account(2), pending: false));
        Assert.Equal(0, fixture.Node.Pool.Count);
        Assert.Equal(0, fixture.Fatal.Count);
    }

    [Fact]
    public async Task A_failed_commit_calls_the_fatal_handler_and_nothing_is_committed_after_it()
    {
        var store = new FailingStore();
        await using var fixture = new NodeFixture(store);
        Assert.NotNull(fixture.Node.Producer.ProduceBlock(allowEmpty: true));
        var writesBefore = store.SuccessfulWrites;
        fixture.Submit(1, 0);
        store.FailFromNowOn();

        var failed = fixture.Node.Producer.ProduceBlock();
        fixture.Submit(2, 0);
        var after = fixture.Node.Producer.ProduceBlock(allowEmpty: true);

        Assert.Null(failed);
        Assert.Null(after);
        Assert.Equal(1, fixture.Fatal.Count);
        Assert.IsType<Storage.StorageFailedException>(await fixture.FirstErrorRoot());
        Assert.True(fixture.Node.Producer.HasFailed);
        Assert.Equal(1UL, fixture.Node.Chain.HeadNumber);
        Assert.Equal(writesBefore, store.SuccessfulWrites);
        Assert.Equal(2, fixture.Node.Pool.Count); // nothing is lost: the transactions are still pending
    }

    [Fact]
    public async Task A_failed_commit_stops_the_background_loop_and_fails_waiters()
    {
        var store = new FailingStore();
        await using var fixture = new NodeFixture(store);
        var writesBefore = store.SuccessfulWrites; // genesis
        fixture.Node.Start();
        store.FailFromNowOn();

        fixture.Submit(1, 0);
        await fixture.Fatal.FirstError.WaitAsync(Guard);

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Node.Producer.WaitForBlockAsync(1).WaitAsync(Guard));
        fixture.Submit(2, 0);
        await fixture.Node.Producer.StopAsync();
        Assert.Equal(0UL, fixture.Node.Chain.HeadNumber);
        Assert.Equal(writesBefore, store.SuccessfulWrites);
        Assert.Equal(1, fixture.Fatal.Count);
    }

    [Fact]
    public async Task Block_timestamps_strictly_increase_even_when_the_clock_stands_still()
    {
        var genesisTime = DateTimeOffset.FromUnixTimeMilliseconds((long)NodeFixture.Genesis.TimestampMs);
        await using var fixture = new NodeFixture(time: new FixedTimeProvider(genesisTime.AddSeconds(-5)));

        var first = fixture.Node.Producer.ProduceBlock(allowEmpty: true)!;
        var second = fixture.Node.Producer.ProduceBlock(allowEmpty: true)!;

        Assert.Equal(NodeFixture.Genesis.TimestampMs + 1, first.Header.TimestampMs);
        Assert.Equal(first.Header.TimestampMs + 1, second.Header.TimestampMs);
    }

    [Fact]
    public async Task Heartbeat_blocks_are_produced_when_idle_if_configured()
    {
        await using var fixture = new NodeFixture(options: new NodeOptions { BlockIntervalMs = 0, EmptyBlockIntervalSeconds = 1 });
        fixture.Node.Start();

        await fixture.Node.Producer.WaitForBlockAsync(1).WaitAsync(Guard);

        Assert.Empty(fixture.Node.Chain.GetBlock(1)!.Transactions);
    }

    [Fact]
    public async Task Blocks_hold_at_most_the_maximum_number_of_transactions()
    {
        var genesis = NodeFixture.Genesis with { Consensus = NodeFixture.Genesis.Consensus with { MaxTransactionsPerBlock = 2 } };
        await using var fixture = new NodeFixture(genesis: genesis);
        for (ulong nonce = 0; nonce < 3; nonce++)
        {
            fixture.Submit(1, nonce);
        }

        Assert.Equal(2, fixture.Node.Producer.ProduceBlock()!.Transactions.Count);
        Assert.Single(fixture.Node.Producer.ProduceBlock()!.Transactions);
    }

    [Fact]
    public async Task A_transaction_that_does_not_fit_the_gas_left_waits_for_the_next_block()
    {
        var used = GasOfOneTransfer();
        var limit = 3 * used;
        var genesis = NodeFixture.Genesis with
        {
            Consensus = NodeFixture.Genesis.Consensus with { BlockGasLimit = limit + used + (used / 2) },
        };
        await using var fixture = new NodeFixture(genesis: genesis);
        var hashes = new List<Hash32>();
        for (var from = 1; from <= 3; from++)
        {
            var tx = NodeFixture.SignTransfer(from, 0, 6, 1, gasLimit: limit);
            var result = fixture.Node.Backend.Submit(tx.Raw);
            Assert.True(result.Accepted, result.Error);
            hashes.Add(result.Hash);
        }

        var first = fixture.Node.Producer.ProduceBlock()!;
        var second = fixture.Node.Producer.ProduceBlock()!;

        Assert.Equal(hashes[..2], first.Transactions.Select(t => t.Hash));
        Assert.Equal([hashes[2]], second.Transactions.Select(t => t.Hash));
    }

    private static ulong GasOfOneTransfer()
    {
        var fixture = new NodeFixture();
        var request = new JsonRpc.CallRequest(
            NodeFixture.Account(1), NodeFixture.Token, NodeFixture.TransferData(NodeFixture.Account(6), 1), null, UInt256.Zero);
        var gas = fixture.Node.Backend.Call(request, 0).GasUsed;
        fixture.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return gas;
    }
}
