using Grpc.Core;
using Ledger.Consensus.Signing;
using Ledger.Core.Primitives;
using Ledger.Network.Handshake;
using Ledger.Network.Protos;

namespace Ledger.Network.Tests;

public sealed class HandshakeTests
{
    [Fact]
    public async Task A_node_with_a_key_outside_the_consortium_is_refused_and_both_sides_say_why()
    {
        var validator = TestKeys.Validators[0];
        await using var target = await NetworkNode.StartAsync(TestKeys.Options(validator));
        target.Network.Start();
        // The outsider knows the consortium and dials the validator (its address is the smaller one, so it is the dialler).
        var outsider = TestKeys.Outsider(a => a < validator.Address);
        var outsiderOptions = TestKeys.Options(outsider, [target.Endpoint]) with { AllowedNodes = [.. TestKeys.ValidatorAddresses, outsider.Address] };
        await using var intruder = await NetworkNode.StartAsync(outsiderOptions);
        intruder.Network.Start();

        var expected = $"node {outsider.Address} is not in the consortium";
        await Eventually.True(() => intruder.Network.PeerStatuses()[0].LastError?.Contains(expected) == true, "the outsider sees the refusal");
        Assert.StartsWith("PermissionDenied", intruder.Network.PeerStatuses()[0].LastError);
        Assert.Equal(expected, target.Network.LastRefusal);
        Assert.True(target.Network.RefusedHandshakes >= 1);
        Assert.Equal(0, target.Network.ConnectedPeerCount);
        Assert.Equal(0, intruder.Network.ConnectedPeerCount);
    }

    [Fact]
    public async Task An_outsider_dialling_directly_gets_PermissionDenied()
    {
        await using var target = await StartedValidator(0);
        var outsider = TestKeys.Outsider(_ => true);

        var ex = await Assert.ThrowsAsync<RpcException>(() => RawPeer.ConnectAsync(TestKeys.Options(outsider), target.Endpoint));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal($"node {outsider.Address} is not in the consortium", ex.Status.Detail);
    }

    [Fact]
    public async Task A_node_of_another_chain_id_is_refused_with_both_ids_named()
    {
        await using var target = await StartedValidator(0);

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            RawPeer.ConnectAsync(TestKeys.Options(TestKeys.Validators[1]) with { ChainId = 1 }, target.Endpoint));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("chain id 1 does not match 4242", ex.Status.Detail);
        Assert.Equal(0, target.Network.ConnectedPeerCount);
    }

    [Fact]
    public async Task A_node_with_another_genesis_hash_is_refused()
    {
        await using var target = await StartedValidator(0);
        var otherGenesis = new Hash32(Enumerable.Repeat((byte)7, 32).ToArray());

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            RawPeer.ConnectAsync(TestKeys.Options(TestKeys.Validators[1]) with { GenesisHash = otherGenesis }, target.Endpoint));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal($"genesis hash {otherGenesis} does not match {TestKeys.GenesisHash}", ex.Status.Detail);
    }

    [Fact]
    public async Task Claiming_a_validator_address_without_its_key_is_refused()
    {
        await using var target = await StartedValidator(0);
        var impostor = new ImpostorSigner(TestKeys.ValidatorAddresses[1], TestKeys.Outsider(_ => true));

        var ex = await Assert.ThrowsAsync<RpcException>(() => RawPeer.ConnectAsync(TestKeys.Options(impostor), target.Endpoint));

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Equal(
            $"handshake signature recovers to {impostor.Inner.Address}, not to the claimed node {TestKeys.ValidatorAddresses[1]}", ex.Status.Detail);
    }

    [Fact]
    public async Task A_hello_from_a_clock_far_off_is_refused()
    {
        await using var target = await StartedValidator(0);
        var late = TestKeys.Options(TestKeys.Validators[1]) with { TimeProvider = new ShiftedTime(TimeSpan.FromHours(1)) };

        var ex = await Assert.ThrowsAsync<RpcException>(() => RawPeer.ConnectAsync(late, target.Endpoint));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("from this node's clock (tolerance 300 s)", ex.Status.Detail);
    }

    [Fact]
    public async Task The_dialler_refuses_a_listener_that_is_not_the_node_it_dialled_and_tells_it_why()
    {
        await using var target = await StartedValidator(0);
        var expected = new PeerEndpoint(TestKeys.ValidatorAddresses[2], target.Server.Endpoint);

        var ex = await Assert.ThrowsAsync<HandshakeException>(() => RawPeer.ConnectAsync(TestKeys.Options(TestKeys.Validators[1]), expected));

        var reason = $"dialled node {TestKeys.ValidatorAddresses[2]}, but node {TestKeys.ValidatorAddresses[0]} answered";
        Assert.Equal(reason, ex.Message);
        await Eventually.True(() => target.Network.LastRefusal == $"the peer refused the handshake: {reason}", "the listener logs the dialler's reason");
    }

    [Fact]
    public async Task A_handshake_message_after_the_handshake_closes_the_stream()
    {
        await using var target = await StartedValidator(0);
        await using var peer = await RawPeer.ConnectAsync(TestKeys.Options(TestKeys.Validators[1]), target.Endpoint);
        await Eventually.True(() => target.Network.ConnectedPeerCount == 1, "connected");

        await peer.SendAsync(new PeerEnvelope { HelloAck = new HelloAck() });

        await Eventually.True(() => target.Network.ConnectedPeerCount == 0, "the listener closed the stream");
    }

    [Fact]
    public void Options_that_list_a_peer_outside_the_permissioned_list_are_rejected()
    {
        var outsider = TestKeys.Outsider(_ => true);
        var options = TestKeys.Options(TestKeys.Validators[0], [new PeerEndpoint(outsider.Address, new Uri("http://127.0.0.1:1"))]);

        var ex = Assert.Throws<ArgumentException>(() => new PeerNetwork(options));

        Assert.Contains($"peer {outsider.Address} is not in AllowedNodes", ex.Message);
    }

    private static async Task<NetworkNode> StartedValidator(int index)
    {
        var node = await NetworkNode.StartAsync(TestKeys.Options(TestKeys.Validators[index]));
        node.Network.Start();
        return node;
    }

    private sealed class ImpostorSigner(Address claimed, LocalKeySigner inner) : IConsensusSigner
    {
        public LocalKeySigner Inner { get; } = inner;

        public Address Address => claimed;

        public byte[] Sign(Hash32 digest) => Inner.Sign(digest);
    }

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}
