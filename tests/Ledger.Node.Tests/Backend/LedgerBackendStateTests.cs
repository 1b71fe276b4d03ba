using Ledger.Contracts;
using Ledger.Contracts.Tokens;
using Ledger.Core.Encoding;
using Ledger.Core.Primitives;
using Ledger.Execution.State;
using Ledger.JsonRpc;
using Ledger.Node.Backend;
using Ledger.Node.Tests.Support;

namespace Ledger.Node.Tests.Backend;

/// <summary>Calls and proofs at older blocks, state overrides, and gossiped transactions as RPC sees them.</summary>
public sealed class LedgerBackendStateTests
{
    private const int Window = WorldState.DefaultHistoryBlocks;

    [Fact]
    public async Task Calls_and_proofs_at_any_of_the_last_128_blocks_see_that_blocks_balance()
    {
        await using var fixture = new NodeFixture();
        var backend = fixture.Node.Backend;
        const int Blocks = 140;
        for (ulong nonce = 0; nonce < Blocks; nonce++)
        {
            Assert.True(fixture.Submit(1, nonce, to: 5, amount: 1).Accepted);
            fixture.Node.Producer.ProduceBlock();
        }

        var head = backend.HeadNumber;
        var initial = BalanceAt(backend, NodeFixture.Account(5), 0, expectRetained: false);
        Assert.Null(initial); // block 0 is outside the window now
        var atHead = BalanceAt(backend, NodeFixture.Account(5), head)!.Value;
        foreach (var number in new[] { head - Window + 1, head - 100, head - 17, head - 1 })
        {
            // One transfer of 1 per block: the balance at block n is the head's minus the later blocks' transfers.
            Assert.Equal(atHead - new UInt256(head - number), BalanceAt(backend, NodeFixture.Account(5), number));
            var proof = backend.GetBalanceProof(NodeFixture.Account(5), NodeFixture.Token, number)!;
            Assert.Equal(number, proof.BlockNumber);
            Assert.Equal(fixture.Node.Chain.GetHeader(number)!.StateRoot, proof.StateRoot);
        }

        var old = backend.Call(BalanceOfRequest(NodeFixture.Account(5)), head - Window);
        Assert.Equal($"state of block {head - Window} is not retained (the node keeps the last 128)", old.Error);
        var error = Assert.Throws<JsonRpcException>(() => backend.GetBalanceProof(NodeFixture.Account(5), NodeFixture.Token, head - Window));
        Assert.Contains("is not retained", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_overrides_change_what_the_call_reads_and_nothing_else()
    {
        await using var fixture = new NodeFixture();
        var backend = fixture.Node.Backend;
        var holder = NodeFixture.Account(1);
        var before = fixture.BalanceOf(holder);
        Assert.False(before.IsZero);
        var key = BalanceKey(NodeFixture.Account(7));

        var patched = backend.Call(BalanceOfRequest(NodeFixture.Account(7)), backend.HeadNumber, [new AccountOverride(NodeFixture.Token, null, null, [new(key, [0x03, 0xe8])])]);
        var replaced = backend.Call(BalanceOfRequest(holder), backend.HeadNumber, [new AccountOverride(NodeFixture.Token, null, [new(key, [0x01])], null)]);
        var deleted = backend.Call(BalanceOfRequest(holder), backend.HeadNumber, [new AccountOverride(NodeFixture.Token, null, null, [new(BalanceKey(holder), null)])]);

        Assert.Equal(new UInt256(1000), UInt256.FromBigEndian(patched.Output));
        Assert.True(UInt256.FromBigEndian(replaced.Output).IsZero); // "state" replaces the token's whole storage
        Assert.True(UInt256.FromBigEndian(deleted.Output).IsZero);
        Assert.Equal(before, fixture.BalanceOf(holder)); // the committed state is untouched
    }

    [Fact]
    public void A_nonce_override_is_what_the_overridden_view_reports()
    {
        var view = new OverriddenStateView(EmptyStateView.Instance);
        view.SetNonce(NodeFixture.Account(3), 42);

        Assert.Equal(42UL, view.GetNonce(NodeFixture.Account(3)));
        Assert.Equal(0UL, view.GetNonce(NodeFixture.Account(4)));
    }

    [Fact]
    public async Task A_gossiped_transaction_is_listed_and_published_like_a_local_one_but_not_regossiped()
    {
        await using var fixture = new NodeFixture();
        var backend = fixture.Node.Backend;
        var published = new List<Hash32>();
        var submitted = new List<Hash32>();
        backend.Events.TransactionPending += tx => published.Add(tx.Hash);
        backend.TransactionSubmitted += tx => submitted.Add(tx.Hash);

        // The consensus driver admits gossip straight into the pool, as here.
        var gossiped = NodeFixture.SignTransfer(2, 0, 5, 1);
        Assert.True(fixture.Node.Pool.Admit(gossiped.Raw).IsAccepted);
        var local = fixture.Submit(3, 0);

        Assert.Equal([gossiped.Hash, local.Hash], published);
        Assert.Equal([local.Hash], submitted);
        Assert.Contains(backend.PendingTransactions(), tx => tx.Hash == gossiped.Hash);
        Assert.Contains(backend.PendingTransactions(), tx => tx.Hash == local.Hash);
        fixture.Node.Producer.ProduceBlock();
        Assert.Empty(backend.PendingTransactions());
    }

    private static UInt256? BalanceAt(LedgerBackend backend, Address account, ulong block, bool expectRetained = true)
    {
        var outcome = backend.Call(BalanceOfRequest(account), block);
        if (!expectRetained && outcome.Error is not null)
        {
            return null;
        }

        Assert.True(outcome.Success, outcome.Error ?? outcome.RevertReason);
        return UInt256.FromBigEndian(outcome.Output);
    }

    private static CallRequest BalanceOfRequest(Address account) =>
        new(null, NodeFixture.Token, new AbiWriter().WriteAddress(account).ToCallData("balanceOf(address)"), null, UInt256.Zero);

    private static byte[] BalanceKey(Address account)
    {
        var key = new byte[ModuleStorage.AccountKeyLength];
        ModuleStorage.WriteKey(key, TokenStorage.BalanceTag, account);
        return key;
    }
}
