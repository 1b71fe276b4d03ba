using System.Text;
using Ledger.Core.Crypto;
using Ledger.Core.Transactions;
using Ledger.JsonRpc;
using Ledger.Node.Tests.Support;
using Prometheus;

namespace Ledger.Node.Tests.Backend;

/// <summary>Every acknowledged transaction commits or can be seen to have been dropped, with the reason.</summary>
public sealed class TransactionStatusTests
{
    [Fact]
    public async Task Status_follows_a_transaction_from_pending_to_committed()
    {
        await using var fixture = new NodeFixture();
        var hash = fixture.Submit(1, 0).Hash;
        Assert.Equal(TransactionStatusKind.Pending, fixture.Node.Backend.GetTransactionStatus(hash).Kind);

        fixture.Node.Producer.ProduceBlock();

        var status = fixture.Node.Backend.GetTransactionStatus(hash);
        Assert.Equal(TransactionStatusKind.Committed, status.Kind);
        Assert.Equal(1UL, status.Location!.Header.Number);
    }

    [Fact]
    public async Task A_transaction_behind_a_gap_is_queued_waiting_for_the_missing_nonce()
    {
        await using var fixture = new NodeFixture();
        fixture.Submit(1, 0);
        var gapped = fixture.Submit(1, 2).Hash;

        fixture.Node.Producer.ProduceBlock();

        var status = fixture.Node.Backend.GetTransactionStatus(gapped);
        Assert.Equal(TransactionStatusKind.Queued, status.Kind);
        Assert.Equal(1UL, status.WaitingForNonce);
    }

    [Fact]
    public async Task A_replaced_transaction_is_dropped_naming_its_replacement_and_is_counted()
    {
        await using var fixture = new NodeFixture();
        var original = fixture.Submit(1, 0, amount: 1).Hash;
        var replacement = fixture.Submit(1, 0, amount: 2).Hash;

        var status = fixture.Node.Backend.GetTransactionStatus(original);

        Assert.Equal(TransactionStatusKind.Dropped, status.Kind);
        Assert.Equal("replaced", status.Reason);
        Assert.Equal(replacement, status.ReplacedBy);
        Assert.Contains("ledger_pool_dropped_total{reason=\"replaced\"} 1", await MetricsText(fixture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_hash_is_unknown()
    {
        await using var fixture = new NodeFixture();

        Assert.Equal(TransactionStatusKind.Unknown, fixture.Node.Backend.GetTransactionStatus(Core.Primitives.Hash32.Zero).Kind);
    }

    [Fact]
    public async Task A_sender_no_bank_registered_is_refused_at_admission_not_included()
    {
        await using var fixture = new NodeFixture();
        var stranger = DevKeys.PrivateKey(25); // no role and no identity in the dev genesis (docs/genesis.md)
        var tx = TransactionSigner.Sign(
            new UnsignedTransaction
            {
                ChainId = NodeFixture.Genesis.ChainId,
                GasLimit = 200_000,
                To = NodeFixture.Token,
                Data = NodeFixture.TransferData(NodeFixture.Account(2), 1),
            },
            stranger,
            Ecdsa.Default);

        var result = fixture.Node.Backend.Submit(tx.Raw);

        Assert.False(result.Accepted);
        Assert.Equal(JsonRpcErrorCode.InvalidInput, result.ErrorCode);
        Assert.StartsWith($"sender {DevKeys.Address(25).ToChecksumString()} is not registered with any bank", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Node.Pool.Count);
    }

    private static async Task<string> MetricsText(NodeFixture fixture)
    {
        using var stream = new MemoryStream();
        await fixture.Node.Metrics.Registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
