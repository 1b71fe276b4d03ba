using Ledger.Core.Primitives;
using Ledger.Execution.State;

namespace Ledger.JsonRpc.Tests.Proofs;

/// <summary>The C# verifier: present and absent entries verify against the head root; any tampering fails.</summary>
public sealed class StateProofTests : IDisposable
{
    private static readonly Address Token = Address.Parse("0x2000000000000000000000000000000000000001");
    private readonly ProvenWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public void A_present_balance_verifies_against_the_head_root()
    {
        var accounts = Accounts(3000);
        _world.Commit(Token, [.. accounts.Select((a, i) => (a, (ulong)i + 1))]);
        var proof = StateProofs.Build(_world.World, Token, ProvenWorld.BalanceKey(accounts[42]));
        Assert.Equal(new byte[] { 43 }, proof.Value);
        Assert.Equal(_world.World.Tree.Root, proof.StateRoot);
        Assert.True(StateProofs.Verify(proof, _world.World.Tree.Root));
    }

    [Fact]
    public void A_shared_bucket_lists_its_other_entries_in_order()
    {
        // 3,000 entries over 65,536 buckets: some bucket surely holds two; prove one of its entries.
        var accounts = Accounts(3000);
        _world.Commit(Token, [.. accounts.Select(a => (a, 5UL))]);
        var shared = accounts.GroupBy(a => StateKeys.BucketOf(StateKeys.LeafKey(Token, ProvenWorld.BalanceKey(a)))).First(g => g.Count() > 1);
        var proof = StateProofs.Build(_world.World, Token, ProvenWorld.BalanceKey(shared.First()));
        Assert.True(proof.BucketEntries.Count >= 2);
        Assert.True(StateProofs.Verify(proof, _world.World.Tree.Root));

        var reordered = proof with { BucketEntries = [.. proof.BucketEntries.Reverse()] };
        Assert.False(StateProofs.Verify(reordered, _world.World.Tree.Root));
        var dropped = proof with { BucketEntries = [.. proof.BucketEntries.Where(e => e.LeafKey == proof.LeafKey)] };
        Assert.False(StateProofs.Verify(dropped, _world.World.Tree.Root));
    }

    [Fact]
    public void An_absent_balance_verifies_as_absence()
    {
        var accounts = Accounts(100);
        _world.Commit(Token, [.. accounts.Skip(1).Select(a => (a, 7UL))]);
        var proof = StateProofs.Build(_world.World, Token, ProvenWorld.BalanceKey(accounts[0]));
        Assert.Null(proof.Value);
        Assert.True(StateProofs.Verify(proof, _world.World.Tree.Root));

        // Claiming a balance for the absent entry cannot verify.
        Assert.False(StateProofs.Verify(proof with { Value = [1] }, _world.World.Tree.Root));
    }

    [Fact]
    public void Tampered_values_siblings_or_roots_fail()
    {
        var accounts = Accounts(50);
        _world.Commit(Token, [.. accounts.Select(a => (a, 100UL))]);
        var proof = StateProofs.Build(_world.World, Token, ProvenWorld.BalanceKey(accounts[3]));
        var root = _world.World.Tree.Root;
        Assert.False(StateProofs.Verify(proof with { Value = [101] }, root));
        Assert.False(StateProofs.Verify(proof with { Siblings = [.. proof.Siblings.Reverse()] }, root));
        Assert.False(StateProofs.Verify(proof with { Siblings = [.. proof.Siblings.Take(15)] }, root));
        Assert.False(StateProofs.Verify(proof with { Key = ProvenWorld.BalanceKey(accounts[4]) }, root));
        Assert.False(StateProofs.Verify(proof, Hash32.Zero));
    }

    [Fact]
    public void A_proof_of_an_older_root_does_not_verify_against_the_next()
    {
        var accounts = Accounts(10);
        _world.Commit(Token, [.. accounts.Select(a => (a, 1UL))]);
        var before = StateProofs.Build(_world.World, Token, ProvenWorld.BalanceKey(accounts[0]));
        _world.Commit(Token, (accounts[0], 2UL));
        var after = StateProofs.Build(_world.World, Token, ProvenWorld.BalanceKey(accounts[0]));
        Assert.Equal(2UL, after.BlockNumber);
        Assert.False(StateProofs.Verify(before, after.StateRoot));
        Assert.True(StateProofs.Verify(after, after.StateRoot));
    }

    internal static Address[] Accounts(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new Address(Core.Crypto.Keccak256.Hash(BitConverter.GetBytes(i)).ToArray().AsSpan(0, 20)))];
}
