using Ledger.Consensus;
using Ledger.Consensus.Messages;
using Ledger.Core.Crypto;
using Ledger.Core.Primitives;
using Ledger.Network;
using Ledger.Node.Configuration;
using Ledger.Node.Hosting;
using Ledger.Node.Tests.Support;
using Ledger.Storage;
using Ledger.Storage.Memory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.Node.Tests.Consensus;

/// <summary>
/// A consortium node opened on a chain (not started): who may peer comes from the validator set at its head, inbound
/// consensus messages are screened by the network and bounded in the driver's queue.
/// </summary>
public sealed class ConsortiumNodeTests
{
    private const int Joiner = 19;

    [Fact]
    public async Task A_validator_voted_out_before_the_start_is_not_permissioned_or_dialled()
    {
        var chain = new VotingChain(); // the node below takes over its store
        var d = VotingChain.Validator(3);
        chain.Produce([.. Enumerable.Range(0, 3).Select(i => chain.VoteRemove(VotingChain.FirstValidatorKey + i, d))]);

        await using var node = Open(chain.Store, chain, key: VotingChain.FirstValidatorKey);

        var network = node.Network!;
        Assert.Equal(Validators(0, 1, 2), Sorted(network.Options.AllowedNodes));
        Assert.Equal(Validators(1, 2), Sorted(network.Options.Peers.Select(p => p.Address)));
    }

    [Fact]
    public async Task A_block_that_adds_one_validator_and_removes_another_admits_and_dials_the_newcomer_and_drops_the_leaver()
    {
        var chain = new VotingChain(); // the node below takes over its store
        var c = VotingChain.Validator(2);
        var joiner = DevKeys.Address(Joiner);
        int[] voters = [0, 1, 3];
        chain.Produce([
            .. voters.Select(i => chain.VoteRemove(VotingChain.FirstValidatorKey + i, c)),
            .. voters.Select(i => chain.VoteAdd(VotingChain.FirstValidatorKey + i, joiner, "bank-c", "127.0.0.1", 50_123, 8_623)),
        ]);
        Assert.Equal([VotingChain.Validator(0), VotingChain.Validator(1), VotingChain.Validator(3), joiner], chain.ValidatorsAt(2));

        await using var node = Open(chain.Store, chain, key: VotingChain.FirstValidatorKey);

        var network = node.Network!;
        Assert.Equal(Sorted([.. Validators(0, 1, 3), joiner]), Sorted(network.Options.AllowedNodes));
        Assert.DoesNotContain(c, network.Options.AllowedNodes);
        var newcomer = Assert.Single(network.Options.Peers, p => p.Address == joiner);
        Assert.Equal(new Uri("http://127.0.0.1:50123/"), newcomer.Endpoint);
    }

    [Fact]
    public async Task The_network_screens_consensus_messages_from_the_height_after_the_head()
    {
        await using var node = Open(new MemoryKeyValueStore(), null, key: VotingChain.FirstValidatorKey);

        var screen = node.Network!.ConsensusScreen;

        Assert.Same(node.Consensus!.Screen, screen);
        Assert.Equal(1UL, screen!.Height);
        var stranger = ConsensusMessageCodec.Encode(ConsensusMessageSigning.SignPrepare(
            new Ledger.Consensus.Signing.LocalKeySigner(DevKeys.PrivateKey(Joiner), Ecdsa.Default), 4242, 1, 0, Hash32.Zero));
        Assert.Equal(ConsensusScreenVerdict.NotValidator, screen.Screen(stranger, out _, out _));
    }

    [Fact]
    public async Task The_consensus_work_queue_drops_peer_messages_beyond_its_count_bound_and_counts_them()
    {
        await using var node = Open(new MemoryKeyValueStore(), null, key: VotingChain.FirstValidatorKey);
        var driver = node.Consensus!;
        var message = Inbound(bytes: 150);
        var bound = new Node.Consensus.ConsensusDriverOptions().MaxQueuedMessages;

        // The loop is not running, so nothing drains: exactly the bound is queued.
        var queued = Enumerable.Range(0, bound + 10).Count(_ => driver.PostMessage(message));

        Assert.Equal(bound, queued);
        Assert.Equal(bound, driver.QueuedMessages.Messages);
        Assert.Equal(10, node.Metrics.ConsensusMessagesDropped.WithLabels("queue_full").Value);
    }

    [Fact]
    public async Task The_consensus_work_queue_is_bounded_in_bytes_too()
    {
        await using var node = Open(new MemoryKeyValueStore(), null, key: VotingChain.FirstValidatorKey);
        var driver = node.Consensus!;
        var limit = new Node.Consensus.ConsensusDriverOptions().MaxQueuedMessageBytes;
        var large = Inbound(bytes: (int)(limit / 2));

        Assert.True(driver.PostMessage(large));
        Assert.True(driver.PostMessage(large));
        Assert.False(driver.PostMessage(Inbound(bytes: 1)));
        Assert.Equal((2, limit), driver.QueuedMessages);
    }

    private static InboundConsensusMessage Inbound(int bytes) =>
        new(VotingChain.Validator(1), ConsensusMessageSigning.SignPrepare(
            new Ledger.Consensus.Signing.LocalKeySigner(DevKeys.PrivateKey(11), Ecdsa.Default), 4242, 1, 0, Hash32.Zero), bytes);

    private static LedgerNode Open(IKeyValueStore store, VotingChain? chain, int key) =>
        LedgerNode.Open(
            chain?.Genesis ?? Ledger.Node.Cli.EmbeddedGenesis.Load(),
            new Ledger.Consensus.Signing.LocalKeySigner(DevKeys.PrivateKey(key), Ecdsa.Default),
            store,
            new NodeOptions(),
            new RecordingFatalErrorHandler(),
            NullLoggerFactory.Instance);

    private static List<Address> Validators(params int[] indexes) => Sorted(indexes.Select(VotingChain.Validator));

    private static List<Address> Sorted(IEnumerable<Address> addresses) => [.. addresses.Order()];
}
