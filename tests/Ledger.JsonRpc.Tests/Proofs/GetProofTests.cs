using System.Text.Json;
using Ledger.Core.Primitives;
using Ledger.Execution.State;
using Ledger.JsonRpc.Tests.Fakes;
using Ledger.JsonRpc.Tests.Infrastructure;

namespace Ledger.JsonRpc.Tests.Proofs;

/// <summary>ledger_getProof over JSON-RPC: the JSON carries everything a verifier needs, and bad requests get clear errors.</summary>
public sealed class GetProofTests : IDisposable
{
    private static readonly Address Holder = TestChain.SenderA;
    private readonly ProvenWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task The_proof_json_alone_lets_a_verifier_recompute_the_state_root()
    {
        _world.Commit(TestChain.Token, [(Holder, 1_000), .. StateProofTests.Accounts(500).Select(a => (a, 3UL))]);
        var backend = ProvingBackend();
        await using var server = await RpcServer.StartAsync(backend);
        var json = await server.ResultAsync("ledger_getProof", Holder.ToString(), TestChain.Token.ToString(), "latest");

        Assert.Equal("0x3e8", json.GetProperty("balance").GetString());
        Assert.Equal("0x2", json.GetProperty("blockNumber").GetString());
        Assert.Equal(16, json.GetProperty("siblings").GetArrayLength());
        var parsed = new StateProof(
            0,
            Hash32.Parse(json.GetProperty("stateRoot").GetString()!),
            Address.Parse(json.GetProperty("namespace").GetString()!),
            Convert.FromHexString(json.GetProperty("key").GetString()![2..]),
            Convert.FromHexString(json.GetProperty("value").GetString()![2..]),
            [.. json.GetProperty("bucketEntries").EnumerateArray().Select(e => new BucketEntry(Hash32.Parse(e.GetProperty("leafKey").GetString()!), Hash32.Parse(e.GetProperty("entryHash").GetString()!)))],
            [.. json.GetProperty("siblings").EnumerateArray().Select(e => Hash32.Parse(e.GetString()!))]);
        Assert.True(StateProofs.Verify(parsed, _world.World.Tree.Root));
        Assert.Equal(json.GetProperty("leafKey").GetString(), parsed.LeafKey.ToString());
    }

    [Fact]
    public async Task An_absent_balance_is_zero_with_an_empty_value()
    {
        _world.Commit(TestChain.Token, (StateProofTests.Accounts(1)[0], 9UL));
        await using var server = await RpcServer.StartAsync(ProvingBackend());
        var json = await server.ResultAsync("ledger_getProof", Holder.ToString(), TestChain.Token.ToString());
        Assert.Equal("0x0", json.GetProperty("balance").GetString());
        Assert.Equal("0x", json.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Bad_requests_get_specific_errors()
    {
        _world.Commit(TestChain.Token, (Holder, 1UL));
        await using var server = await RpcServer.StartAsync(ProvingBackend());
        var holder = Holder.ToString();
        var token = TestChain.Token.ToString();
        await server.AssertErrorAsync(JsonRpcErrorCode.InvalidParams, "not a deposit token", "ledger_getProof", holder, TestChain.Echo.ToString(), "latest");
        await server.AssertErrorAsync(JsonRpcErrorCode.InvalidInput, "head state only", "ledger_getProof", holder, token, "0x1");
        await server.AssertErrorAsync(JsonRpcErrorCode.InvalidInput, "header not found", "ledger_getProof", holder, token, "0x9");
        await server.AssertErrorAsync(JsonRpcErrorCode.InvalidParams, "invalid argument 0", "ledger_getProof", "0x12", token);
        await server.AssertErrorAsync(JsonRpcErrorCode.InvalidParams, "missing value for required argument 1", "ledger_getProof", holder);
    }

    [Fact]
    public async Task A_node_without_proofs_says_so()
    {
        await using var server = await RpcServer.StartAsync(new FakeLedgerBackend(new TestChain()));
        await server.AssertErrorAsync(JsonRpcErrorCode.InvalidInput, "does not serve state proofs", "ledger_getProof", Holder.ToString(), TestChain.Token.ToString());
    }

    /// <summary>A fake node whose head (block 2) is proven against the real world state of this test.</summary>
    private FakeLedgerBackend ProvingBackend()
    {
        var backend = new FakeLedgerBackend(new TestChain());
        var head = backend.Chain.Blocks[^1].Header;
        backend.Proofs = (account, token) =>
        {
            var proof = StateProofs.Build(_world.World, token, ProvenWorld.BalanceKey(account));
            return new BalanceProof(
                head.Number, head.Hash, proof.StateRoot, token, proof.Key, proof.Value, proof.LeafKey, proof.Bucket,
                [.. proof.BucketEntries.Select(e => new ProofEntry(e.LeafKey, e.EntryHash))], proof.Siblings);
        };
        return backend;
    }
}
