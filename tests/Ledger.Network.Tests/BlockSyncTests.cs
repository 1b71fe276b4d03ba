using Ledger.Core.Chain;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Core.Transactions;
using Ledger.Network.Sync;

namespace Ledger.Network.Tests;

public sealed class BlockSyncTests
{
    private const int Length = 10;
    private readonly TestChain _chain = TestChain.Build(Length);

    [Fact]
    public async Task Syncs_every_block_with_a_valid_certificate_in_order_across_several_requests()
    {
        await using var harness = new SyncHarness();
        var server = await harness.Serve(0, _chain.Source());

        var result = await harness.Sync([server], _chain, perRequest: 4);

        Assert.Empty(result.Failures);
        Assert.Equal([server.Address], result.PeersAtHead);
        Assert.Equal(Length, result.BlocksApplied);
        Assert.Equal((ulong)Length + 1, result.NextHeight);
        Assert.Equal(_chain[Length].Header.Hash, result.HeadHash);
        Assert.Equal(_chain.Blocks.Skip(1).Select(b => b.Header.Hash), harness.AppliedHashes);
        Assert.All(harness.Applied, b => Assert.NotNull(b.Certificate));
    }

    [Fact]
    public async Task Senders_are_recovered_again_and_a_peer_stored_sender_is_ignored()
    {
        await using var harness = new SyncHarness();
        var liar = DevKeys.Address(7);
        var server = await harness.Serve(0, _chain.Source(overrideBlock: h =>
        {
            var block = BlockCodec.Decode(BlockCodec.Encode(_chain[(int)h]));
            block.Transactions[0].Sender = liar; // the peer claims another sender
            return BlockCodec.Encode(block);
        }));

        var result = await harness.Sync([server], _chain);

        Assert.Empty(result.Failures);
        Assert.All(harness.Applied, b => Assert.Equal(DevKeys.Address(0), b.Transactions[0].Sender));
        Assert.All(harness.Applied, b => Assert.All(b.Transactions, tx => Assert.True(tx.HasSender)));
    }

    [Fact]
    public async Task A_certificate_below_quorum_stops_the_sync_at_that_block()
    {
        await using var harness = new SyncHarness();
        var weak = _chain[3] with { Certificate = TestChain.Certify(_chain[3].Header, sealers: 2) };
        var server = await harness.Serve(0, _chain.Source(overrideBlock: h => h == 3 ? BlockCodec.Encode(weak) : null));

        var result = await harness.Sync([server], _chain);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(new BlockSyncFailure(server.Address, 3, "block 3 has an invalid commit certificate: 2 seals, but a quorum of 4 validators is 3"), failure);
        Assert.Equal(2, result.BlocksApplied);
        Assert.Equal(3UL, result.NextHeight);
        Assert.Equal(_chain[2].Header.Hash, result.HeadHash);
        Assert.Empty(result.PeersAtHead);
    }

    [Fact]
    public async Task A_seal_from_outside_the_validator_set_is_rejected()
    {
        await using var harness = new SyncHarness();
        var forged = _chain[2] with { Certificate = TestChain.Certify(_chain[2].Header, 3, keyAccounts: [10, 11, 5]) };
        var server = await harness.Serve(0, _chain.Source(overrideBlock: h => h == 2 ? BlockCodec.Encode(forged) : null));

        var result = await harness.Sync([server], _chain);

        Assert.Equal(
            $"block 2 has an invalid commit certificate: seal 2 is from {DevKeys.Address(5)}, which is not a validator of this block",
            Assert.Single(result.Failures).Reason);
        Assert.Equal(1, result.BlocksApplied);
    }

    [Fact]
    public async Task A_certified_block_over_the_block_byte_limit_is_rejected_before_its_senders_are_recovered()
    {
        await using var harness = new SyncHarness();
        var limit = _chain.Blocks.Skip(1).Max(BlockLimits.SizeOf);
        var transactions = Enumerable.Range(0, 40).Select(i => TestChain.Transaction(i % 4, (ulong)i)).ToList();
        var oversized = TestChain.Make(4, _chain[3].Header.Hash, transactions);
        var server = await harness.Serve(0, _chain.Source(overrideBlock: h => h == 4 ? BlockCodec.Encode(oversized) : null));

        var result = await harness.Sync([server], _chain, maxBlockBytes: limit);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(4UL, failure.Height);
        Assert.Contains($"more than maxBlockBytes ({limit})", failure.Reason);
        Assert.Equal(3, harness.Applied.Count);
    }

    [Fact]
    public async Task A_certified_block_just_over_the_limit_after_decoding_is_rejected_naming_its_size()
    {
        await using var harness = new SyncHarness();
        var size = BlockLimits.SizeOf(_chain[1]);
        var server = await harness.Serve(0, _chain.Source());

        var result = await harness.Sync([server], _chain, maxBlockBytes: size - 1);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(new BlockSyncFailure(server.Address, 1, $"block 1: block of {size} bytes exceeds maxBlockBytes ({size - 1})"), failure);
        Assert.Empty(harness.Applied);
    }

    [Fact]
    public async Task A_certified_block_that_does_not_link_to_its_parent_is_rejected()
    {
        await using var harness = new SyncHarness();
        var stranger = new Hash32(Enumerable.Repeat((byte)0xab, 32).ToArray());
        var unlinked = TestChain.Make(3, stranger, _chain[3].Transactions); // a valid certificate over the wrong parent
        var server = await harness.Serve(0, _chain.Source(overrideBlock: h => h == 3 ? BlockCodec.Encode(unlinked) : null));

        var result = await harness.Sync([server], _chain);

        Assert.Equal($"block 3 has parent {stranger}, but block 2 is {_chain[2].Header.Hash}", Assert.Single(result.Failures).Reason);
        Assert.Equal(2, result.BlocksApplied);
    }

    [Fact]
    public async Task A_block_whose_transactions_were_swapped_is_rejected_by_the_transactions_root()
    {
        await using var harness = new SyncHarness();
        var swapped = _chain[2] with { Transactions = [TestChain.Transaction(0, 99), .. _chain[2].Transactions.Skip(1)] };
        var server = await harness.Serve(0, _chain.Source(overrideBlock: h => h == 2 ? BlockCodec.Encode(swapped) : null));

        var result = await harness.Sync([server], _chain);

        var reason = Assert.Single(result.Failures).Reason;
        Assert.StartsWith("block 2 transactions hash to root ", reason);
        Assert.EndsWith($"but the header commits to {_chain[2].Header.TransactionsRoot}", reason);
        Assert.Equal(1, result.BlocksApplied);
    }

    [Fact]
    public async Task A_certified_block_carrying_a_transaction_with_an_invalid_signature_is_rejected()
    {
        await using var harness = new SyncHarness();
        var unsigned = new UnsignedTransaction { ChainId = TestKeys.ChainId, Nonce = 1, GasLimit = 60_000, To = DevKeys.Address(3) };
        var zeroS = new EcdsaSignature(Enumerable.Repeat((byte)1, 32).ToArray(), new byte[32], 0);
        var bad = TransactionDecoder.Decode(TransactionEncoder.EncodeSigned(unsigned, zeroS));
        var block = TestChain.Make(1, _chain[0].Header.Hash, [bad]); // even a quorum cannot make a bad signature valid
        var server = await harness.Serve(0, _chain.Source(overrideBlock: h => h == 1 ? BlockCodec.Encode(block) : null));

        var result = await harness.Sync([server], _chain);

        Assert.StartsWith($"block 1 transaction 0 ({bad.Hash}) has an invalid signature: ", Assert.Single(result.Failures).Reason);
        Assert.Empty(harness.Applied);
    }

    [Fact]
    public async Task After_a_bad_block_the_next_peer_continues_from_the_same_height()
    {
        await using var harness = new SyncHarness();
        var garbage = await harness.Serve(0, _chain.Source(overrideBlock: h => h == 4 ? [0xc0] : null));
        var honest = await harness.Serve(2, _chain.Source());

        var result = await harness.Sync([garbage, honest], _chain);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(garbage.Address, failure.Peer);
        Assert.Equal(4UL, failure.Height);
        Assert.StartsWith("block 4 is malformed: ", failure.Reason);
        Assert.Equal([honest.Address], result.PeersAtHead);
        Assert.Equal(Length, result.BlocksApplied);
        Assert.Equal(_chain.Blocks.Skip(1).Select(b => b.Header.Hash), harness.AppliedHashes);
    }

    [Fact]
    public async Task A_lagging_peer_does_not_end_the_sync_before_a_peer_that_is_further_ahead()
    {
        await using var harness = new SyncHarness();
        var behind = await harness.Serve(0, _chain.Source(upTo: 5));
        var ahead = await harness.Serve(2, _chain.Source());

        var result = await harness.Sync([behind, ahead], _chain);

        Assert.Equal([behind.Address, ahead.Address], result.PeersAtHead);
        Assert.Equal(Length, result.BlocksApplied);
    }

    [Fact]
    public async Task A_block_the_node_rejects_on_apply_moves_the_sync_to_the_next_peer()
    {
        await using var harness = new SyncHarness();
        var first = await harness.Serve(0, _chain.Source());
        var second = await harness.Serve(2, _chain.Source());
        var rejected = false;

        var result = await harness.Sync([first, second], _chain, apply: (block, ct) =>
        {
            if (block.Header.Number == 6 && !rejected)
            {
                rejected = true;
                throw new BlockSyncException("block 6 state root does not re-execute");
            }

            return harness.Record(block, ct);
        });

        Assert.Equal(new BlockSyncFailure(first.Address, 6, "block 6 state root does not re-execute"), Assert.Single(result.Failures));
        Assert.Equal(Length, result.BlocksApplied);
        Assert.Equal(_chain.Blocks.Skip(1).Select(b => b.Header.Hash), harness.AppliedHashes);
    }

    [Fact]
    public async Task A_sync_request_from_outside_the_consortium_is_refused()
    {
        await using var harness = new SyncHarness();
        var server = await harness.Serve(0, _chain.Source());
        var outsider = TestKeys.Outsider(_ => true);

        var result = await harness.Sync([server], _chain, client: outsider);

        Assert.Equal($"PermissionDenied: node {outsider.Address} is not in the consortium", Assert.Single(result.Failures).Reason);
        Assert.Empty(harness.Applied);
    }

    [Fact]
    public async Task A_node_without_a_block_source_refuses_to_serve_sync()
    {
        await using var harness = new SyncHarness();
        var server = await harness.Serve(0, source: null);

        var result = await harness.Sync([server], _chain);

        Assert.Equal("FailedPrecondition: this node does not serve block sync", Assert.Single(result.Failures).Reason);
    }

    [Fact]
    public async Task A_sync_request_altered_after_signing_is_refused_as_unauthenticated()
    {
        await using var harness = new SyncHarness();
        var server = await harness.Serve(0, _chain.Source());
        var signer = TestKeys.Validators[1];
        var request = SyncRequestSigning.Create(signer, TestKeys.ChainId, TestKeys.GenesisHash, 1, 4, TimeProvider.System);
        request.FromHeight = 2; // the signature covered height 1

        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.Endpoint);
        var call = new Protos.Peer.PeerClient(channel).SyncBlocks(request);
        var ex = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, ex.StatusCode);
        Assert.StartsWith("sync request signature recovers to ", ex.Status.Detail);
        Assert.EndsWith($"not to the claimed node {signer.Address}", ex.Status.Detail);
    }
}
